"""A cluster's application goes through the same reviewer pages as an enterprise's (issue 14: "Recognition as a
programme of the existing workflow"): the provincial queue lists it and its page opens, naming the cluster."""

from __future__ import annotations

from littlegiant.recognition.services.clusters import start_cluster_application, submit_cluster_application
from tests.clusters.conftest import cluster_programme, make_cluster


def test_the_province_sees_the_cluster_in_its_queue_and_on_its_page(
    xihu_officer, provincial_reviewer, client
):
    programme = cluster_programme()
    cluster = make_cluster(xihu_officer, "西湖光电集群")
    application = submit_cluster_application(
        start_cluster_application(programme, cluster, by=xihu_officer), by=xihu_officer, pledge=True
    )
    client.force_login(provincial_reviewer)
    queue = client.get("/recognition/queue/")
    assert queue.status_code == 200
    assert "西湖光电集群" in queue.content.decode()
    page = client.get(f"/recognition/applications/{application.pk}/")
    assert page.status_code == 200
    assert "西湖光电集群" in page.content.decode()
    client.force_login(xihu_officer)
    assert client.get(f"/recognition/applications/{application.pk}/").status_code == 200
