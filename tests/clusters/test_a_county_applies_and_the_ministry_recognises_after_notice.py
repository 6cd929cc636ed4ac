"""Recognition as a programme of the workflow (criteria.md §8.2): "the county-level SME authority applies. The
provincial authority screens and recommends … [MIIT recognises]", after a public notice; the title is valid three
years (§8.4) and verifies publicly like an enterprise's."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from littlegiant.recognition import services
from littlegiant.recognition.services.clusters import start_cluster_application, submit_cluster_application
from tests.clusters.conftest import cluster_programme, make_cluster


def test_a_county_applies_the_province_recommends_and_the_ministry_recognises(
    xihu_officer, provincial_reviewer, national_reviewer, alice, client
):
    programme = cluster_programme()
    cluster = make_cluster(xihu_officer, "西湖光电集群")
    with pytest.raises(PermissionDenied):
        start_cluster_application(programme, cluster, by=alice)  # not the county's authority
    application = start_cluster_application(programme, cluster, by=xihu_officer)
    application = submit_cluster_application(application, by=xihu_officer, pledge=True)
    assert application.status == "in_review" and application.outcome == "qualified"
    assert application.region_id == cluster.county_id

    services.pass_stage(application, by=provincial_reviewer)  # the province recommends
    application.refresh_from_db()
    assert application.recommended_at is not None and application.stage_level == "national"

    services.pass_stage(application, by=national_reviewer)
    notice = services.publish_notice(application.current_stage, by=national_reviewer)
    with pytest.raises(PermissionDenied):
        services.recognise(programme, by=national_reviewer)  # still under notice
    notice.starts_on = notice.ends_on = timezone.localdate() - dt.timedelta(days=10)
    notice.save()
    services.conclude_notice(notice, by=national_reviewer)
    services.recognise(programme, by=national_reviewer)

    title = cluster.recognitions.get()
    assert title.enterprise_id is None and title.enterprise_name == "西湖光电集群"
    assert (title.valid_until - title.valid_from).days in (1094, 1095)  # three years, less a day
    page = client.get(f"/recognition/verify/?code={title.certificate_code}")
    assert page.status_code == 200
    assert "西湖光电集群" in page.content.decode()
