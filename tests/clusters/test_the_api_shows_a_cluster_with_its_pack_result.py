"""The API (issue 14, Views: "exports and API (django-ninja)") lists the clusters a person may see and shows one
with its outputs, members' valid titles and the result of pack cn.miit.sme-cluster.2022; outside the
jurisdiction it answers 404."""

from __future__ import annotations

from tests.clusters.conftest import make_cluster


def test_the_county_reads_its_cluster_and_another_county_does_not(xihu_officer, yinzhou_officer, client):
    cluster = make_cluster(xihu_officer, "西湖光电集群")
    client.force_login(xihu_officer)
    listed = client.get("/api/clusters/").json()
    assert [item["name"] for item in listed["results"]] == ["西湖光电集群"]
    detail = client.get(f"/api/clusters/{cluster.pk}").json()
    assert detail["county_id"] == "330106"
    assert [o["year"] for o in detail["output_years"]] == sorted(o["year"] for o in detail["output_years"])
    assert detail["assessment"]["pack"]["id"] == "cn.miit.sme-cluster.2022"
    client.force_login(yinzhou_officer)
    assert client.get(f"/api/clusters/{cluster.pk}").status_code == 404
    assert client.get("/api/clusters/").json()["results"] == []
