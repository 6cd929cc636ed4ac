"""The quota (criteria.md §8.2): "Quota per province: ≤ 8; 计划单列市 (cities with independent planning status) …:
≤ 2". A planning city (Ningbo) recommends apart from its province; a recommendation past the quota is refused,
also when two reviewers recommend at the same moment (PostgreSQL, two transactions)."""

from __future__ import annotations

import threading

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection, connections

from littlegiant.recognition import services
from littlegiant.recognition.models import Application
from littlegiant.recognition.services.clusters import start_cluster_application, submit_cluster_application
from tests.cast import COUNTY_B, _reviewer
from tests.clusters.conftest import cluster_programme, county_officer, make_cluster


def submitted(programme, officer, name, county):
    cluster = make_cluster(officer, name, county)
    application = start_cluster_application(programme, cluster, by=officer)
    return submit_cluster_application(application, by=officer, pledge=True)


def test_a_planning_city_recommends_two_and_no_more(yinzhou_officer, provincial_reviewer):
    programme = cluster_programme()
    first, second, third = (submitted(programme, yinzhou_officer, f"鄞州集群{i}", COUNTY_B) for i in range(3))
    services.pass_stage(first, by=provincial_reviewer)
    services.pass_stage(second, by=provincial_reviewer)
    with pytest.raises(PermissionDenied, match="2 of 2"):
        services.pass_stage(third, by=provincial_reviewer)
    third.refresh_from_db()
    assert third.status == "in_review" and third.recommended_at is None


def test_the_province_quota_is_eight_apart_from_the_planning_city(
    xihu_officer, yinzhou_officer, provincial_reviewer
):
    programme = cluster_programme()
    ningbo = submitted(programme, yinzhou_officer, "鄞州集群", COUNTY_B)
    services.pass_stage(ningbo, by=provincial_reviewer)  # counts against Ningbo's 2, not Zhejiang's 8
    hangzhou = [submitted(programme, xihu_officer, f"西湖集群{i}", "330106") for i in range(9)]
    for application in hangzhou[:8]:
        services.pass_stage(application, by=provincial_reviewer)
    with pytest.raises(PermissionDenied, match="8 of 8"):
        services.pass_stage(hangzhou[8], by=provincial_reviewer)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_two_concurrent_recommendations_cannot_both_take_the_last_place(reference_data):
    officer = county_officer("yinzhou_officer", COUNTY_B)
    reviewer = _reviewer("zj_reviewer", "provincial", "330000")
    programme = cluster_programme()
    used, first, second = (submitted(programme, officer, f"鄞州集群{i}", COUNTY_B) for i in range(3))
    services.pass_stage(used, by=reviewer)  # one of Ningbo's two places is taken

    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def recommend(application: Application) -> None:
        try:
            barrier.wait(timeout=10)
            services.pass_stage(application, by=reviewer)
            outcomes.append("recommended")
        except PermissionDenied:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=recommend, args=(a,)) for a in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == ["recommended", "refused"]
    assert Application.objects.filter(programme=programme, recommended_at__isnull=False).count() == 2
