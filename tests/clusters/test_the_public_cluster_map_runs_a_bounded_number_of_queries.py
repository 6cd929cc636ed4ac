"""The public list and map of recognised clusters (issue 14, Views) is read in a bounded number of queries
whatever the number of clusters, and an expired cluster title is not listed."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tests.clusters.conftest import make_cluster
from tests.clusters.test_a_development_report_is_overdue_after_30_april import recognised


def test_the_list_and_map_take_a_bounded_number_of_queries(
    xihu_officer, client, django_assert_max_num_queries
):
    year = timezone.localdate().year - 1
    for index in range(6):
        recognised(make_cluster(xihu_officer, f"西湖集群{index}"), year)
    with django_assert_max_num_queries(8):
        page = client.get("/recognition/clusters/")
    assert page.status_code == 200
    body = page.content.decode()
    assert body.count("西湖集群") == 6
    assert "clusters-data" in body


def test_an_expired_cluster_title_is_not_listed(xihu_officer, client):
    year = timezone.localdate().year - 4  # valid until the end of three years ago
    recognised(make_cluster(xihu_officer, "过期集群"), year)
    assert timezone.localdate() > dt.date(year + 2, 12, 31)
    assert "过期集群" not in client.get("/recognition/clusters/").content.decode()
    assert client.get("/recognition/clusters/provinces.geojson").status_code == 200
