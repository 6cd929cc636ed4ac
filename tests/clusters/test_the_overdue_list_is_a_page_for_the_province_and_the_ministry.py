"""The overdue list (criteria.md §8.4: reports reach MIIT "by 30 April each year"; issue 14: "reminders and an
overdue list"): a page for the provincial authorities (their province) and the ministry (every province) naming
each recognised cluster whose report on a year has not been forwarded after 30 April, the days overdue, where the
report stands and the reminders sent; exported as CSV and XLSX; refused to anyone else."""

from __future__ import annotations

import csv
import datetime as dt
import io

from django.utils import timezone
from openpyxl import load_workbook

from littlegiant.clusters import services
from littlegiant.clusters.models import report_due
from littlegiant.recognition.services.clusters import remind_reports
from tests.cast import _reviewer
from tests.clusters.conftest import make_cluster
from tests.clusters.test_a_development_report_is_overdue_after_30_april import recognised


def overdue_world(officer, reviewer):
    """Two recognised clusters with last year's report missing: one never filed (reminded twice), one sent back;
    a third whose report was forwarded."""
    year = timezone.localdate().year - 1
    silent, returned, done = (
        make_cluster(officer, name) for name in ("西湖沉默集群", "西湖退回集群", "西湖按期集群")
    )
    for cluster in (silent, returned, done):
        recognised(cluster, year)
    due = report_due(year)
    remind_reports(today=due - dt.timedelta(days=7))
    services.return_report(
        services.file_report(returned, by=officer, year=year, text="初稿"), by=reviewer, reason="补充数据"
    )
    services.forward_report(services.file_report(done, by=officer, year=year, text="报告"), by=reviewer)
    remind_reports(today=due)
    return year, due


def test_the_province_sees_days_overdue_status_and_reminders(xihu_officer, provincial_reviewer, client):
    year, due = overdue_world(xihu_officer, provincial_reviewer)
    client.force_login(provincial_reviewer)
    response = client.get("/recognition/clusters/overdue/")
    assert response.status_code == 200
    rows = {row.cluster.name: row for row in response.context["rows"]}
    assert set(rows) == {"西湖沉默集群", "西湖退回集群"}
    days = (timezone.localdate() - due).days
    assert (
        rows["西湖沉默集群"].days_overdue,
        rows["西湖沉默集群"].reminders,
        rows["西湖沉默集群"].status_label,
    ) == (days, 2, "not filed")
    assert (rows["西湖退回集群"].reminders, rows["西湖退回集群"].status_label) == (
        2,
        "Sent back to the county",
    )
    body = response.content.decode()
    assert "西湖按期集群" not in body and str(days) in body


def test_the_ministry_sees_every_province_and_another_province_sees_none(
    xihu_officer, provincial_reviewer, national_reviewer, client
):
    overdue_world(xihu_officer, provincial_reviewer)
    client.force_login(national_reviewer)
    assert len(client.get("/recognition/clusters/overdue/").context["rows"]) == 2
    client.force_login(_reviewer("js_reviewer", "provincial", "320000"))
    assert client.get("/recognition/clusters/overdue/").context["rows"] == []


def test_a_county_or_a_city_is_refused(xihu_officer, provincial_reviewer, hangzhou_reviewer, client):
    overdue_world(xihu_officer, provincial_reviewer)
    for person in (xihu_officer, hangzhou_reviewer):
        client.force_login(person)
        assert client.get("/recognition/clusters/overdue/").status_code == 403
        assert client.get("/recognition/clusters/overdue.csv").status_code == 403


def test_it_exports_csv_and_xlsx(xihu_officer, provincial_reviewer, client):
    year, due = overdue_world(xihu_officer, provincial_reviewer)
    client.force_login(provincial_reviewer)
    response = client.get("/recognition/clusters/overdue.csv")
    lines = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert lines[0] == [
        "Cluster",
        "County",
        "Year reported on",
        "Due on",
        "Days overdue",
        "Report",
        "Reminders sent",
    ]
    assert {line[0] for line in lines[1:]} == {"西湖退回集群", "西湖沉默集群"}
    assert {line[3] for line in lines[1:]} == {due.isoformat()}
    workbook = load_workbook(io.BytesIO(client.get("/recognition/clusters/overdue.xlsx").content))
    sheet = workbook.active
    assert sheet.max_row == 3 and sheet.cell(1, 5).value == "Days overdue"
