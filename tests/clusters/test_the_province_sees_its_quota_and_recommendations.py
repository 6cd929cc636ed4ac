"""The province's quota and recommendations (issue 14, Views; criteria.md §8.2: "Quota per province: ≤ 8;
计划单列市 …: ≤ 2"): the programme page shows each recommending unit's places used against its quota, and the
recommended clusters."""

from __future__ import annotations

import re

from littlegiant.recognition import services
from littlegiant.recognition.services.clusters import start_cluster_application, submit_cluster_application
from tests.clusters.conftest import cluster_programme, make_cluster


def test_the_programme_page_shows_used_places_against_the_quota(xihu_officer, provincial_reviewer, client):
    programme = cluster_programme()
    cluster = make_cluster(xihu_officer, "西湖光电集群")
    application = submit_cluster_application(
        start_cluster_application(programme, cluster, by=xihu_officer), by=xihu_officer, pledge=True
    )
    services.pass_stage(application, by=provincial_reviewer)
    client.force_login(provincial_reviewer)
    body = client.get(f"/recognition/programmes/{programme.pk}/").content.decode()
    rows = {
        name: (int(used), quota)
        for name, used, quota in re.findall(
            r"<tr><td>([^<]+)</td><td class=\"num\">(\d+)</td><td class=\"num\">([^<]+)</td></tr>", body
        )
    }
    assert rows["浙江省"] == (1, "8")
    assert rows["宁波市"] == (0, "2")
    assert "西湖光电集群" in body
