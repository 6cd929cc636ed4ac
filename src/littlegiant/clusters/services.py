"""Every change to a cluster, one request-free function each, inside a transaction: the county authority
registers the cluster, records its outputs, members and declarations, and files the yearly development report;
the province forwards it (criteria.md §8.4)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from littlegiant.accounts.jurisdiction import covers_region
from littlegiant.clusters.models import (
    Cluster,
    ClusterMember,
    ClusterOutput,
    CountyAuthority,
    DevelopmentReport,
    report_due,
)
from littlegiant.clusters.permissions import manage_cluster
from littlegiant.clusters.records import DECLARED_FIELDS
from littlegiant.permissions import ensure
from littlegiant.reference.models import RegionLevel

if TYPE_CHECKING:
    from littlegiant.accounts.models import User
    from littlegiant.enterprises.models import Enterprise
    from littlegiant.reference.models import IndustryClass, Region


def appoint_county_authority(user: User, county: Region) -> CountyAuthority:
    """Make `user` an officer of the county's SME authority (a role scoped to that county)."""
    if county.level != RegionLevel.COUNTY:
        raise ValidationError({"county": _("A county SME authority acts for a county-level region.")})
    with transaction.atomic():
        authority, _created = CountyAuthority.objects.get_or_create(user=user, county=county)
    return authority


def register_cluster(
    *,
    by: User,
    name: str,
    county: Region,
    main_industry: IndustryClass,
    area_km2: Decimal | None = None,
) -> Cluster:
    """The county authority registers a cluster located within its county (§8.2)."""
    if county.level != RegionLevel.COUNTY:
        raise ValidationError({"county": _("A cluster lies within one county-level region.")})
    if not name.strip():
        raise ValidationError({"name": _("Give the cluster's name.")})
    if area_km2 is not None and area_km2 < 0:
        raise ValidationError({"area_km2": _("The area cannot be negative.")})
    ensure(manage_cluster(by, county=county))
    with transaction.atomic():
        return Cluster.objects.create(
            name=name.strip(), county=county, main_industry=main_industry, area_km2=area_km2, created_by=by
        )


def record_output(
    cluster: Cluster,
    *,
    by: User,
    year: int,
    total: Decimal,
    sme: Decimal | None = None,
    main_industry: Decimal | None = None,
) -> ClusterOutput:
    """Record (or correct) a year's output: total, SMEs' and the main industry's, in yuan."""
    ensure(manage_cluster(by, cluster))
    errors = {}
    if total is None or total < 0:
        errors["total"] = _("Give the total output, zero or more.")
    for field, value in (("sme", sme), ("main_industry", main_industry)):
        if value is not None and (value < 0 or (total is not None and value > total)):
            errors[field] = _("This output must lie between zero and the total output.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        output, _created = ClusterOutput.objects.update_or_create(
            cluster=cluster, year=year, defaults={"total": total, "sme": sme, "main_industry": main_industry}
        )
    return output


def add_members(cluster: Cluster, enterprises: Iterable[Enterprise], *, by: User) -> int:
    """Add registry enterprises to the cluster; those already members are left as they are."""
    ensure(manage_cluster(by, cluster))
    with transaction.atomic():
        existing = set(cluster.memberships.values_list("enterprise_id", flat=True))
        new = [
            ClusterMember(cluster=cluster, enterprise=enterprise)
            for enterprise in {e.pk: e for e in enterprises}.values()
            if enterprise.pk not in existing
        ]
        ClusterMember.objects.bulk_create(new)
    return len(new)


def remove_member(cluster: Cluster, enterprise: Enterprise, *, by: User) -> None:
    ensure(manage_cluster(by, cluster))
    with transaction.atomic():
        cluster.memberships.filter(enterprise=enterprise).delete()


def declare(
    cluster: Cluster,
    *,
    by: User,
    declarations: Mapping[str, bool | None],
    single_champions: int | None = None,
) -> Cluster:
    """The county's declarations for aspect 1's qualitative part, aspects 3-8 and the compliance condition (D19),
    and the number of single champions among the members; each is confirmed by the reviewers."""
    ensure(manage_cluster(by, cluster))
    unknown = sorted(set(declarations) - set(DECLARED_FIELDS))
    if unknown:
        raise ValidationError({name: _("Not a declaration of the cluster standard.") for name in unknown})
    if single_champions is not None and single_champions < 0:
        raise ValidationError({"single_champions": _("The number cannot be negative.")})
    with transaction.atomic():
        cluster = Cluster.objects.select_for_update().get(pk=cluster.pk)
        cluster.declarations = {
            **cluster.declarations,
            **{name: value for name, value in declarations.items() if value is not None},
        }
        for name, value in declarations.items():
            if value is None:
                cluster.declarations.pop(name, None)
        cluster.single_champions = single_champions
        cluster.save(update_fields=["declarations", "single_champions", "updated_at"])
    return cluster


def file_report(cluster: Cluster, *, by: User, year: int, text: str) -> DevelopmentReport:
    """The county authority files the development report on `year` (§8.4)."""
    ensure(manage_cluster(by, cluster))
    if not text.strip():
        raise ValidationError({"text": _("Write the report.")})
    now = timezone.now()
    if year >= timezone.localdate().year:
        raise ValidationError({"year": _("A report covers a year that has ended.")})
    with transaction.atomic():
        report, created = DevelopmentReport.objects.select_for_update().get_or_create(
            cluster=cluster, year=year, defaults={"text": text.strip(), "filed_by": by, "filed_at": now}
        )
        if not created:
            if report.forwarded_at is not None:
                raise PermissionDenied(_("The province has forwarded this report; it can no longer change."))
            report.text, report.filed_by, report.filed_at = text.strip(), by, now
            report.save(update_fields=["text", "filed_by", "filed_at"])
    return report


def forward_report(report: DevelopmentReport, *, by: User) -> DevelopmentReport:
    """A provincial reviewer whose jurisdiction holds the county forwards the report to the ministry; one
    forwarded after 30 April of the following year is marked late (§8.4)."""
    with transaction.atomic():
        report = (
            DevelopmentReport.objects.select_for_update().select_related("cluster__county").get(pk=report.pk)
        )
        if not by.reviewer_assignments.filter(level="provincial").exists() or not covers_region(
            by, report.cluster.county
        ):
            raise PermissionDenied(_("Only the provincial authority of this cluster forwards its report."))
        if report.forwarded_at is not None:
            raise PermissionDenied(_("This report is already forwarded."))
        report.forwarded_by = by
        report.forwarded_at = timezone.now()
        report.late = timezone.localdate() > report_due(report.year)
        report.save(update_fields=["forwarded_by", "forwarded_at", "late"])
    return report


def is_report_overdue(cluster_id: int, year: int, reports: set[tuple[int, int]], today: dt.date) -> bool:
    """Whether the report on `year` is overdue on `today`: past 30 April of the next year and not forwarded."""
    return today > report_due(year) and (cluster_id, year) not in reports
