"""The output trend (issue 14: "a cluster page with its members by title, output trend"): an ECharts line over
the years of total output and the SMEs' and main industry's shares, from data in the page; the table of the same
figures stays for readers without JavaScript."""

from __future__ import annotations

import json
import re

from django.utils import timezone

from tests.clusters.conftest import make_cluster


def test_the_page_carries_the_chart_data_and_the_table(xihu_officer, client):
    cluster = make_cluster(xihu_officer, "西湖光电集群")
    client.force_login(xihu_officer)
    body = client.get(f"/clusters/{cluster.pk}/").content.decode()
    data = json.loads(
        re.search(r'<script id="cluster-trend-data" type="application/json">(.*?)</script>', body).group(1)
    )
    last = timezone.localdate().year - 1
    assert data == {
        "years": [last - 2, last - 1, last],
        "total": [50.0, 60.0, 75.0],
        "sme_share": [80.0, 80.0, 80.0],
        "main_share": [80.0, 80.0, 80.0],
    }
    assert 'id="cluster-trend"' in body and "clusters/trend.js" in body
    table = body[body.index('class="cluster-outputs"') :]
    assert str(last) in table and "7500000000" in table


def test_a_cluster_without_output_has_no_chart(xihu_officer, client):
    from littlegiant.clusters.services import register_cluster
    from littlegiant.reference.models import IndustryClass, Region

    cluster = register_cluster(
        by=xihu_officer, name="空集群", county=Region.objects.get(pk="330106"),
        main_industry=IndustryClass.objects.get(pk="3973"),
    )  # fmt: skip
    client.force_login(xihu_officer)
    body = client.get(f"/clusters/{cluster.pk}/").content.decode()
    assert "cluster-trend-data" not in body and "No output recorded yet." in body
