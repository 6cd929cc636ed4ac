"""A cluster programme of the recognition workflow (criteria.md §8): the county SME authority applies for a
cluster and submits it with evidence; the provincial stage recommends within the quota (quotas.py); the national
stage publishes the notice and recognises, as for enterprises (notices.py, titles.py). Dynamic management
(§8.4): the yearly development reports due by 30 April, the reminders and the overdue list."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from littlegiant.accounts.models import User
from littlegiant.clusters.models import Cluster, ClusterEvent, DevelopmentReport, ReportStatus, report_due
from littlegiant.clusters.permissions import manage_cluster
from littlegiant.clusters.records import cluster_record
from littlegiant.clusters.services import record_event
from littlegiant.notifications.services import notify
from littlegiant.permissions import ensure
from littlegiant.recognition.models import (
    Application,
    ApplicationStatus,
    Programme,
    ProgrammeKind,
    Recognition,
)
from littlegiant.recognition.services._steps import (
    _json_value,
    _record,
)
from littlegiant.recognition.services.applying import Snapshot, ensure_takes_applications, submit_snapshot
from littlegiant.rules import assess_record

if TYPE_CHECKING:
    from collections.abc import Iterable


def valid_titles(enterprise_ids: Collection[int], day: dt.date) -> dict[int, frozenset[str]]:
    """The title source the clusters app counts members' titles from (registered in apps.py): the enterprise
    titles valid on `day`; expired and revoked titles are left out."""
    held: dict[int, set[str]] = {}
    rows = (
        Recognition.objects.filter(enterprise__in=list(enterprise_ids))
        .valid_on(day)
        .values_list("enterprise_id", "tier")
    )
    for enterprise_id, tier in rows:
        held.setdefault(enterprise_id, set()).add(tier)
    return {pk: frozenset(tiers) for pk, tiers in held.items()}


def start_cluster_application(programme: Programme, cluster: Cluster, *, by: User) -> Application:
    """The county SME authority opens a draft application for its cluster to an open cluster programme."""
    with transaction.atomic():
        cluster = Cluster.objects.select_for_update().get(pk=cluster.pk)
        ensure(manage_cluster(by, cluster))
        if not programme.for_clusters:
            raise PermissionDenied(_("This programme recognises enterprises, not clusters."))
        ensure_takes_applications(programme, timezone.localdate())
        if programme.kind == ProgrammeKind.REVIEW:
            # The review (复核) at the end of validity is for clusters whose title expires in the programme's year.
            expiring = (
                Recognition.objects.filter(cluster=cluster, tier=programme.tier, revoked_at__isnull=True)
                .filter(valid_until__year__lte=programme.year, valid_until__gte=dt.date(programme.year, 1, 1))
                .exists()
            )
            if not expiring:
                raise PermissionDenied(
                    _("A review is for clusters whose title expires in %(year)s.") % {"year": programme.year}
                )
        try:
            with transaction.atomic():
                application = Application.objects.create(programme=programme, cluster=cluster, created_by=by)
        except IntegrityError:
            raise PermissionDenied(_("This cluster has already applied to this programme.")) from None
        _record(actor=by, action="start", to_state=ApplicationStatus.DRAFT, application=application)
    return application


def submit_cluster_application(
    application: Application, *, by: User, pledge: bool, expected_version: int | None = None
) -> Application:
    """Sign the pledge and submit: the cluster's record (outputs, titled members counted today, declarations),
    the evidence list and the pack's explanation are frozen as a version."""
    if not application.cluster_id:
        raise PermissionDenied(_("This is an enterprise's application."))

    def cluster_snapshot(application: Application, programme: Programme, today: dt.date) -> Snapshot:
        cluster = application.cluster
        record = cluster_record(cluster, today)
        values = {"name": cluster.name, **{k: _json_value(v) for k, v in record.items()}}
        explanations = assess_record(record, [programme.pack_id], evaluation_date=today)
        return Snapshot(values, programme.reference_year, explanations, cluster.county)

    return submit_snapshot(
        application, by=by, pledge=pledge, expected_version=expected_version, snapshot=cluster_snapshot
    )


# ----------------------------------------------------------------------------------------------------
# Dynamic management (§8.4)


def recognised_clusters(day: dt.date) -> Iterable[Recognition]:
    """The cluster titles valid on `day`, with their cluster and county."""
    return (
        Recognition.objects.filter(cluster__isnull=False)
        .valid_on(day)
        .select_related("cluster__county", "cluster__main_industry")
    )


@dataclass(frozen=True)
class OverdueReport:
    """A cluster whose development report on a year has not reached the ministry after 30 April."""

    recognition: Recognition
    year: int
    due_on: dt.date
    status: str  # "" when not filed; filed (awaiting the province) or returned (sent back to the county)
    days_overdue: int
    reminders: int  # reminders sent about this report

    @property
    def cluster(self) -> Cluster:
        return self.recognition.cluster

    @property
    def filed(self) -> bool:
        return self.status == ReportStatus.FILED

    @property
    def status_label(self) -> str:
        """Where the report stands, in the reader's language."""
        return str(ReportStatus(self.status).label) if self.status else _("not filed")


def overdue_reports(
    *, today: dt.date | None = None, within: Iterable[Recognition] | None = None
) -> list[OverdueReport]:
    """Reports past due on `today`: for each cluster title valid today, the report on every year it has held the
    title before this one, once 30 April of the following year has passed, and not forwarded; with the days
    overdue and the reminders sent. Three queries (the titles, their reports, their reminders)."""
    today = today or timezone.localdate()
    titles = list(within if within is not None else recognised_clusters(today))
    cluster_ids = [t.cluster_id for t in titles]
    status: dict[tuple[int, int], str] = {
        (cluster_id, year): state
        for cluster_id, year, state in DevelopmentReport.objects.filter(cluster__in=cluster_ids).values_list(
            "cluster_id", "year", "status"
        )
    }
    reminders: dict[tuple[int, int], int] = {}
    for cluster_id, year in ClusterEvent.objects.filter(
        cluster__in=cluster_ids, action="remind", year__isnull=False
    ).values_list("cluster_id", "year"):
        reminders[(cluster_id, year)] = reminders.get((cluster_id, year), 0) + 1
    late = []
    for title in titles:
        for year in range(title.valid_from.year, today.year):
            due = report_due(year)
            state = status.get((title.cluster_id, year), "")
            if today > due and state != ReportStatus.FORWARDED:
                late.append(
                    OverdueReport(
                        title,
                        year,
                        due,
                        state,
                        (today - due).days,
                        reminders.get((title.cluster_id, year), 0),
                    )
                )
    late.sort(key=lambda row: (-row.days_overdue, row.cluster.name))
    return late


def remind_reports(*, today: dt.date | None = None) -> int:
    """From 1 April, tell the county authorities whose recognised cluster has not filed last year's report, and
    the provincial reviewers holding a filed report not forwarded; after 30 April, the same as overdue. Run daily
    (tasks.py); each notice says the due date."""
    today = today or timezone.localdate()
    year = today.year - 1
    due = report_due(year)
    # A month before, a week before, on the day, and the day after (overdue): not every day.
    if today not in {
        due - dt.timedelta(days=29),
        due - dt.timedelta(days=7),
        due,
        due + dt.timedelta(days=1),
    }:
        return 0
    titles = [t for t in recognised_clusters(today) if t.valid_from.year <= year]
    reports = {
        r.cluster_id: r
        for r in DevelopmentReport.objects.filter(cluster__in=[t.cluster_id for t in titles], year=year)
    }
    sent = 0
    with transaction.atomic():
        for title in titles:
            report = reports.get(title.cluster_id)
            if report is not None and report.status == ReportStatus.FORWARDED:
                continue
            if report is None or report.status == ReportStatus.RETURNED:
                recipients = User.objects.filter(
                    county_authorities__county=title.cluster.county_id
                ).distinct()
                subject = gettext_lazy("The cluster's development report is due")
            else:
                recipients = User.objects.filter(
                    reviewer_assignments__level="provincial",
                    reviewer_assignments__region=title.cluster.county.province_code,
                ).distinct()
                subject = gettext_lazy("A cluster's development report awaits forwarding")
            notify(
                recipients,
                subject=subject,
                body=gettext_lazy("%(cluster)s: the report on %(year)s is due by %(due)s."),
                params={"cluster": title.cluster.name, "year": year, "due": due.isoformat()},
                link=f"/clusters/{title.cluster_id}/#reports",
                once_key=f"cluster-report:{title.cluster_id}:{year}:{today.isoformat()}",
            )
            # The overdue list counts the reminders of each report from the trail.
            record_event(title.cluster, by=None, action="remind", year=year, comment=str(subject))
            sent += 1
    return sent
