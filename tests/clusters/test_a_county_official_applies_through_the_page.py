"""The county SME authority applies for its cluster on a page (criteria.md §8.2: "the county-level SME authority
applies"); someone who is not a county authority is refused."""

from __future__ import annotations

from littlegiant.recognition.models import Application
from tests.clusters.conftest import cluster_programme, make_cluster


def test_the_county_applies_and_lands_on_the_application(xihu_officer, alice, client):
    programme = cluster_programme()
    cluster = make_cluster(xihu_officer, "西湖光电集群")
    client.force_login(xihu_officer)
    assert "西湖光电集群" in client.get("/recognition/clusters/apply/").content.decode()
    response = client.post(
        "/recognition/clusters/apply/", {"cluster": cluster.pk, "programme": programme.pk, "pledge": "on"}
    )
    application = Application.objects.get(cluster=cluster)
    assert response.status_code == 302 and response["Location"].endswith(f"/applications/{application.pk}/")
    assert application.status == "in_review"
    client.force_login(alice)
    assert client.get("/recognition/clusters/apply/").status_code == 403
