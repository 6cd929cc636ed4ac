"""The new list pages read in a bounded number of queries whatever their length (issue 14: "Cluster list and map
pages in a bounded number of queries"), as the map does: the overdue list and a cluster's members page. Each
bound is taken with few rows and held with many, so an N+1 fails."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from littlegiant.clusters import services
from tests.clusters.conftest import make_cluster, members
from tests.clusters.test_a_development_report_is_overdue_after_30_april import recognised


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_the_overdue_list_does_not_grow_with_its_rows(xihu_officer, provincial_reviewer, client):
    year = timezone.localdate().year - 1
    recognised(make_cluster(xihu_officer, "西湖集群0"), year)
    client.force_login(provincial_reviewer)
    few = queries(client, "/recognition/clusters/overdue/")
    for index in range(1, 8):
        recognised(make_cluster(xihu_officer, f"西湖集群{index}"), year)
    many = queries(client, "/recognition/clusters/overdue/")
    assert len(client.get("/recognition/clusters/overdue/").context["rows"]) == 8
    assert many == few
    assert many <= 12


def test_the_members_page_does_not_grow_with_its_members(xihu_officer, client):
    cluster = make_cluster(xihu_officer, "西湖光电集群")
    services.add_members(cluster, members(1), by=xihu_officer)
    client.force_login(xihu_officer)
    few = queries(client, f"/clusters/{cluster.pk}/members/")
    services.add_members(cluster, members(20, start=1), by=xihu_officer)
    many = queries(client, f"/clusters/{cluster.pk}/members/")
    assert many == few
    assert many <= 12
    # The search of the register adds one query, whatever it finds.
    assert queries(client, f"/clusters/{cluster.pk}/members/?q=集群") <= many + 1
