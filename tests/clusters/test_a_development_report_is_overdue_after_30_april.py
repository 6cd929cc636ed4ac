"""Dynamic management (criteria.md §8.4): "The provincial authority submits each cluster's previous-year
development report to MIIT by 30 April each year." The county files, the province forwards; a report not
forwarded by 30 April is on the overdue list from 1 May, and reminders go out before."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from littlegiant.clusters import services
from littlegiant.clusters.models import report_due
from littlegiant.notifications.models import Notification
from littlegiant.recognition.services.clusters import overdue_reports, remind_reports
from tests.clusters.conftest import make_cluster


def recognised(cluster, year: int):
    """A cluster title valid from 1 January of `year` for three years, written directly."""
    from littlegiant.recognition.models import (
        Application,
        Programme,
        Recognition,
        RecognitionBatch,
        ReviewStage,
    )

    start = dt.date(year, 1, 1)
    programme, _ = Programme.objects.get_or_create(
        tier="sme_cluster",
        year=year,
        kind="new",
        defaults={"title": "t", "applications_open_on": start, "applications_close_on": start},
    )
    stage, _ = ReviewStage.objects.get_or_create(
        programme=programme, order=1, defaults={"level": "national", "opens_on": start, "closes_on": start}
    )
    application = Application.objects.create(
        programme=programme,
        cluster=cluster,
        created_by=cluster.created_by,
        status="recognised",
        current_stage=stage,
    )
    batch = RecognitionBatch.objects.create(
        programme=programme, title="t", decided_by=cluster.created_by, decided_on=start
    )
    return Recognition.objects.create(
        application=application, cluster=cluster, batch=batch, tier="sme_cluster", valid_from=start,
        valid_until=dt.date(year + 2, 12, 31), certificate_code=f"CLUSTER{cluster.pk:05d}",
    )  # fmt: skip


def test_the_report_is_due_by_30_april_of_the_next_year():
    assert report_due(2024) == dt.date(2025, 4, 30)


def test_a_report_not_forwarded_by_30_april_is_overdue_from_1_may(xihu_officer, provincial_reviewer):
    year = timezone.localdate().year - 1
    cluster = make_cluster(xihu_officer, "西湖光电集群")
    title = recognised(cluster, year)
    # On 30 April the report on last year is due, not yet overdue; on 1 May it is.
    assert overdue_reports(today=dt.date(year + 1, 4, 30), within=[title]) == []
    late = overdue_reports(today=dt.date(year + 1, 5, 1), within=[title])
    assert [(item.recognition, item.year, item.filed) for item in late] == [(title, year, False)]
    report = services.file_report(cluster, by=xihu_officer, year=year, text="产值增长，新增小巨人1家。")
    assert overdue_reports(today=dt.date(year + 1, 5, 1), within=[title])[0].filed is True
    services.forward_report(report, by=provincial_reviewer)
    assert overdue_reports(today=dt.date(year + 1, 5, 1), within=[title]) == []


def test_the_county_is_reminded_a_week_before_the_deadline(xihu_officer):
    year = timezone.localdate().year - 1
    cluster = make_cluster(xihu_officer, "西湖阀门集群")
    recognised(cluster, year)
    due = report_due(year)
    assert remind_reports(today=due - dt.timedelta(days=8)) == 0
    assert remind_reports(today=due - dt.timedelta(days=7)) == 1
    assert Notification.objects.filter(recipient=xihu_officer).count() == 1
