"""Reports forwarded by the province (criteria.md §8.4: "The provincial authority submits each cluster's
previous-year development report to MIIT by 30 April each year"): the county files, the province forwards the
report to the ministry or sends it back with a reason; the county files it again; the ministry sees forwarded
reports only; each step is on the cluster page's history and tells the other side (notify)."""

from __future__ import annotations

from django.utils import timezone

from littlegiant.clusters.models import ClusterEvent, DevelopmentReport
from littlegiant.notifications.models import Notification
from tests.cast import _reviewer
from tests.clusters.conftest import make_cluster


def filed(client, officer, cluster):
    year = timezone.localdate().year - 1
    client.force_login(officer)
    client.post(f"/clusters/{cluster.pk}/report/", {"year": year, "text": "产值增长12%。"})
    return DevelopmentReport.objects.get(cluster=cluster, year=year)


def test_the_province_forwards_and_the_ministry_sees_it(
    xihu_officer, provincial_reviewer, national_reviewer, client
):
    cluster = make_cluster(xihu_officer, "西湖光电集群")
    report = filed(client, xihu_officer, cluster)
    assert report.status == "filed"
    assert Notification.objects.filter(recipient=provincial_reviewer).exists()

    client.force_login(national_reviewer)
    assert "西湖光电集群" not in client.get("/clusters/reports/").content.decode()

    client.force_login(provincial_reviewer)
    page = client.get(f"/clusters/{cluster.pk}/").content.decode()
    assert "forward-report" in page and "return-report" in page
    assert client.post(f"/clusters/reports/{report.pk}/forward/").status_code == 302
    report.refresh_from_db()
    assert report.status == "forwarded" and report.forwarded_by == provincial_reviewer
    assert Notification.objects.filter(recipient=xihu_officer).exists()

    client.force_login(national_reviewer)
    assert "西湖光电集群" in client.get("/clusters/reports/").content.decode()
    page = client.get(f"/clusters/{cluster.pk}/").content.decode()
    assert "产值增长12%。" in page and "Forwarded to the ministry" in page
    assert "forward-report" not in page


def test_the_province_sends_it_back_with_a_reason_and_the_county_files_again(
    xihu_officer, provincial_reviewer, client
):
    cluster = make_cluster(xihu_officer, "西湖光电集群")
    report = filed(client, xihu_officer, cluster)
    client.force_login(provincial_reviewer)
    client.post(f"/clusters/reports/{report.pk}/return/", {"reason": "请补充主导产业数据。"})
    report.refresh_from_db()
    assert (report.status, report.return_reason) == ("returned", "请补充主导产业数据。")
    assert Notification.objects.filter(recipient=xihu_officer, body__contains="请补充主导产业数据。").exists()

    client.force_login(xihu_officer)
    page = client.get(f"/clusters/{cluster.pk}/").content.decode()
    assert "Sent back to the county" in page and "请补充主导产业数据。" in page
    filed(client, xihu_officer, cluster)
    report.refresh_from_db()
    assert report.status == "filed"
    assert list(
        ClusterEvent.objects.filter(report=report).order_by("pk").values_list("action", "to_state")
    ) == [("file_report", "filed"), ("return_report", "returned"), ("file_report", "filed")]
    page = client.get(f"/clusters/{cluster.pk}/").content.decode()
    assert page.count("report-history") == 1 and "sent back: 请补充主导产业数据。" in page


def test_a_report_is_not_sent_back_without_a_reason(xihu_officer, provincial_reviewer, client):
    cluster = make_cluster(xihu_officer, "西湖光电集群")
    report = filed(client, xihu_officer, cluster)
    client.force_login(provincial_reviewer)
    response = client.post(f"/clusters/reports/{report.pk}/return/", {"reason": "  "}, follow=True)
    assert "Why it is sent back: Say why the report is sent back." in response.content.decode()
    report.refresh_from_db()
    assert report.status == "filed"


def test_only_the_province_of_the_county_forwards(xihu_officer, national_reviewer, hangzhou_reviewer, client):
    cluster = make_cluster(xihu_officer, "西湖光电集群")
    report = filed(client, xihu_officer, cluster)
    other_province = _reviewer("js_reviewer", "provincial", "320000")
    for person, status in ((hangzhou_reviewer, 403), (other_province, 404), (xihu_officer, 403)):
        client.force_login(person)
        assert client.post(f"/clusters/reports/{report.pk}/forward/").status_code == status
    report.refresh_from_db()
    assert report.status == "filed"


def test_the_api_forwards_and_sends_back(xihu_officer, provincial_reviewer, client):
    cluster = make_cluster(xihu_officer, "西湖光电集群")
    second = make_cluster(xihu_officer, "西湖传感集群")
    year = timezone.localdate().year - 1
    client.force_login(xihu_officer)
    first = client.post(
        f"/api/clusters/{cluster.pk}/reports", {"year": year, "text": "报告"}, content_type="application/json"
    )
    other = client.post(
        f"/api/clusters/{second.pk}/reports", {"year": year, "text": "报告"}, content_type="application/json"
    )
    assert first.status_code == other.status_code == 201
    client.force_login(provincial_reviewer)
    forwarded = client.post(f"/api/clusters/reports/{first.json()['id']}/forwarding")
    assert forwarded.json()["status"] == "forwarded"
    empty = client.post(
        f"/api/clusters/reports/{other.json()['id']}/return", {"reason": ""}, content_type="application/json"
    )
    assert empty.status_code == 422 and empty.json()["errors"][0]["field"] == "reason"
    returned = client.post(
        f"/api/clusters/reports/{other.json()['id']}/return",
        {"reason": "补充"},
        content_type="application/json",
    )
    assert returned.json()["status"] == "returned"
