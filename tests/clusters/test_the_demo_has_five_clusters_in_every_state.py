"""The demo (issue 14, Demo): "five clusters in the demo province (two recognised, one applying, one failing
aspect 1, one missing a report), built from demo enterprises" through the services, and a county authority
account."""

from django.utils import timezone

from littlegiant.clusters.models import Cluster
from littlegiant.clusters.records import assess_cluster
from littlegiant.demo.build import build_demo
from littlegiant.recognition.models import Application
from littlegiant.recognition.services.clusters import overdue_reports, recognised_clusters


def test_the_five_clusters_are_each_in_their_state(db):
    report = build_demo(enterprises=1500, app_demos=("recognition",), log=lambda line: None)
    assert "demo_county" in [account.username for account in report.accounts]
    clusters = list(Cluster.objects.order_by("pk"))
    assert len(clusters) == 5
    assert all(cluster.members.count() == 10 for cluster in clusters)
    today = timezone.localdate()
    recognised = {title.cluster_id for title in recognised_clusters(today)}
    assert recognised == {clusters[0].pk, clusters[1].pk, clusters[2].pk}
    assert [(item.recognition.cluster_id, item.year) for item in overdue_reports(today=today)] == [
        (clusters[2].pk, today.year - 1)
    ]
    applying = Application.objects.get(cluster=clusters[3], programme__year=today.year)
    assert applying.status == "in_review" and applying.stage_level == "provincial"
    failing = assess_cluster(clusters[4])
    assert failing["outcome"] == "not_qualified"
    assert {c["id"] for c in failing["criteria"] if c["status"] == "unmet"} >= {"area", "main_share"}
