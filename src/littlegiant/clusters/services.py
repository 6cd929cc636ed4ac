"""Every change to a cluster, one request-free function each, inside a transaction: the county authority
registers the cluster, records its outputs, members and declarations, and files the yearly development report;
the province forwards it (criteria.md §8.4)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from littlegiant.accounts.jurisdiction import is_administrator
from littlegiant.accounts.models import User as UserModel
from littlegiant.audit import SYSTEM
from littlegiant.clusters.models import (
    Cluster,
    ClusterEvent,
    ClusterMember,
    ClusterOutput,
    CountyAuthority,
    DevelopmentReport,
    ReportStatus,
    report_due,
)
from littlegiant.clusters.permissions import acts_for_county, forward_reports, manage_cluster
from littlegiant.clusters.records import DECLARED_FIELDS
from littlegiant.enterprises.credit_code import CreditCodeError, check_credit_code, credit_code_problem
from littlegiant.enterprises.filing_values import (
    LONGEST_CELL,
    THOUSANDS,
    FilingValueError,
    input_error_message,
    is_empty,
)
from littlegiant.enterprises.models import Enterprise as EnterpriseModel
from littlegiant.notifications.services import notify
from littlegiant.permissions import ensure
from littlegiant.reference.models import RegionLevel
from littlegiant.rules.records import InputError, coerce_value
from littlegiant.rules.schema import FIELDS_BY_NAME

if TYPE_CHECKING:
    from littlegiant.accounts.models import User
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


@dataclass(frozen=True)
class YearOutput:
    """One year's output figures as entered: total, SMEs' and the main industry's, in yuan (None: unknown)."""

    year: int
    total: Decimal | None
    sme: Decimal | None = None
    main_industry: Decimal | None = None


# The engine's fields whose parser reads each figure (money, in yuan: enterprise-data.md, the cluster pack).
OUTPUT_FIELDS = {
    "total": "cluster_output",
    "sme": "cluster_sme_output",
    "main_industry": "cluster_main_industry_output",
}


def actor_role(user: User | None, cluster: Cluster) -> tuple[str, str]:
    """The role code and region an event of this cluster records for the actor."""
    if user is None:
        return SYSTEM, cluster.county_id
    if acts_for_county(user, cluster.county):
        return "county_authority", cluster.county_id
    assignment = user.reviewer_assignments.order_by("pk").values_list("level", "region_id").first()
    if assignment is not None:
        return f"reviewer:{assignment[0]}", assignment[1] or ""
    if is_administrator(user):
        return "administrator", ""
    return "user", ""


def record_event(
    cluster: Cluster,
    *,
    by: User | None,
    action: str,
    from_state: str = "",
    to_state: str = "",
    comment: str = "",
    report: DevelopmentReport | None = None,
    year: int | None = None,
) -> ClusterEvent:
    """One entry of the cluster's trail."""
    role, region = actor_role(by, cluster)
    return ClusterEvent.record(
        actor=by, role=role, region=region, action=action, from_state=from_state, to_state=to_state,
        comment=comment, cluster=cluster, report=report, year=year,
    )  # fmt: skip


def parse_output_figure(name: str, raw: object) -> Decimal | None:
    """A figure as typed (yuan, a plain number; empty: unknown), read by the engine's parser (coerce_value, as an
    assessment reads it), then held to what the output column stores; FilingValueError says what is wrong."""
    field = FIELDS_BY_NAME[OUTPUT_FIELDS[name]]
    if is_empty(raw):
        return None
    if isinstance(raw, str) and len(raw) > LONGEST_CELL:
        raise FilingValueError(_("is too long (%(length)s characters)") % {"length": len(raw)})
    try:
        value = Decimal(coerce_value(field, raw))  # type: ignore[arg-type]
    except InputError as error:
        if error.code == "not_a_number" and isinstance(raw, str) and THOUSANDS.fullmatch(raw.strip()):
            # enterprise-data.md: "Money is in yuan, a plain number"; the engine reads no separators.
            raise FilingValueError(_("write the number plainly, without thousands separators")) from None
        raise FilingValueError(input_error_message(field, error)) from None
    column = ClusterOutput._meta.get_field(name)
    exponent = value.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > column.decimal_places:  # type: ignore[union-attr]
        raise FilingValueError(
            _("has more than %(places)s decimal places") % {"places": column.decimal_places}  # type: ignore[union-attr]
        )
    if abs(value) >= Decimal(10) ** (column.max_digits - column.decimal_places):  # type: ignore[union-attr]
        raise FilingValueError(_("is too large"))
    if value < 0:
        raise FilingValueError(_("cannot be negative"))
    return value


def _output_problems(figures: YearOutput) -> dict[str, str]:
    """What is wrong with one year's figures, by field name (`<year>-<figure>`)."""
    problems: dict[str, str] = {}
    total = figures.total
    if total is None or total < 0:
        problems[f"{figures.year}-total"] = _("Give the total output, zero or more.")
    for name in ("sme", "main_industry"):
        value = getattr(figures, name)
        if value is not None and (value < 0 or (total is not None and value > total)):
            problems[f"{figures.year}-{name}"] = _("This output must lie between zero and the total output.")
    return problems


def record_outputs(cluster: Cluster, years: Iterable[YearOutput], *, by: User) -> list[ClusterOutput]:
    """Record (or correct) several years' output at once: every year is checked first, and either all are
    written or none (criteria.md §8.3 aspect 1 reads the last three years)."""
    ensure(manage_cluster(by, cluster))
    years = list(years)
    problems: dict[str, str] = {}
    this_year = timezone.localdate().year
    for figures in years:
        if not 1949 < figures.year <= this_year:
            problems[f"{figures.year}-total"] = _("Output is recorded for a past year, not a future one.")
        problems.update(_output_problems(figures))
    if len({f.year for f in years}) != len(years):
        problems["__all__"] = _("Each year is entered once.")
    if problems:
        raise ValidationError(problems)
    written = []
    with transaction.atomic():
        cluster = Cluster.objects.select_for_update().get(pk=cluster.pk)
        before = {o.year: o for o in cluster.outputs.filter(year__in=[f.year for f in years])}
        for figures in years:
            output, created = ClusterOutput.objects.update_or_create(
                cluster=cluster,
                year=figures.year,
                defaults={"total": figures.total, "sme": figures.sme, "main_industry": figures.main_industry},
            )
            old = before.get(figures.year)
            changed = created or (old.total, old.sme, old.main_industry) != (
                output.total, output.sme, output.main_industry,
            )  # fmt: skip
            if changed:
                record_event(
                    cluster, by=by, action="record_output", year=figures.year,
                    from_state="" if created else _figures_text(old), to_state=_figures_text(output),
                )  # fmt: skip
            written.append(output)
    return written


def _figures_text(output: ClusterOutput) -> str:
    return " / ".join(
        "—" if v is None else f"{v:f}" for v in (output.total, output.sme, output.main_industry)
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
    return record_outputs(cluster, [YearOutput(year, total, sme, main_industry)], by=by)[0]


def _check_new_member(cluster: Cluster, enterprise: EnterpriseModel, field: str) -> None:
    """A member lies in the cluster's county (a cluster is located within one county-level area, §8.2) and is
    not a member already; the error names the field the enterprise was chosen by."""
    if enterprise.region_id != cluster.county_id:
        raise ValidationError(
            {
                field: _("%(name)s is registered in %(region)s, outside %(county)s.")
                % {"name": enterprise.name, "region": enterprise.region.name, "county": cluster.county.name}
            }
        )
    if cluster.memberships.filter(enterprise=enterprise).exists():
        raise ValidationError(
            {field: _("%(name)s is already a member of this cluster.") % {"name": enterprise.name}}
        )


def add_member(
    cluster: Cluster, *, by: User, credit_code: str | None = None, enterprise_id: int | None = None
) -> EnterpriseModel:
    """Add one enterprise of the register to the cluster, found by its credit code or chosen from a search of
    the register (its id); refused with the field named when the code is unknown, the enterprise lies outside
    the cluster's county, or it is already a member."""
    ensure(manage_cluster(by, cluster))
    field = "credit_code" if enterprise_id is None else "enterprise"
    registry = EnterpriseModel.objects.select_related("region")
    if enterprise_id is None:
        try:
            code = check_credit_code(credit_code or "")
        except CreditCodeError as error:
            raise ValidationError(
                {field: _("Invalid credit code: %(problem)s.") % {"problem": credit_code_problem(error)}}
            ) from None
        enterprise = registry.filter(credit_code=code).first()
        if enterprise is None:
            raise ValidationError(
                {field: _("No enterprise in the register has the credit code %(code)s.") % {"code": code}}
            )
    else:
        enterprise = registry.filter(pk=enterprise_id).first()
        if enterprise is None:
            raise ValidationError({field: _("No such enterprise in the register.")})
    with transaction.atomic():
        # The cluster's row is locked so that two officers adding the same enterprise are taken in turn.
        cluster = Cluster.objects.select_for_update().select_related("county").get(pk=cluster.pk)
        _check_new_member(cluster, enterprise, field)
        ClusterMember.objects.create(cluster=cluster, enterprise=enterprise)
        record_event(
            cluster, by=by, action="add_member", to_state=enterprise.credit_code, comment=enterprise.name
        )
    return enterprise


def add_members(cluster: Cluster, enterprises: Iterable[EnterpriseModel], *, by: User) -> int:
    """Add registry enterprises of the cluster's county at once (the demo, an import); those already members
    are left as they are; one outside the county refuses the whole set."""
    ensure(manage_cluster(by, cluster))
    with transaction.atomic():
        cluster = Cluster.objects.select_for_update().select_related("county").get(pk=cluster.pk)
        existing = set(cluster.memberships.values_list("enterprise_id", flat=True))
        new = [e for e in {e.pk: e for e in enterprises}.values() if e.pk not in existing]
        for enterprise in new:
            if enterprise.region_id != cluster.county_id:
                _check_new_member(cluster, enterprise, "enterprise")
        ClusterMember.objects.bulk_create([ClusterMember(cluster=cluster, enterprise=e) for e in new])
        for enterprise in new:
            record_event(
                cluster, by=by, action="add_member", to_state=enterprise.credit_code, comment=enterprise.name
            )
    return len(new)


def remove_member(cluster: Cluster, enterprise: EnterpriseModel, *, by: User) -> None:
    """Take an enterprise off the cluster's members (its titles stop counting for aspect 2)."""
    ensure(manage_cluster(by, cluster))
    with transaction.atomic():
        deleted, _rows = cluster.memberships.filter(enterprise=enterprise).delete()
        if not deleted:
            raise ValidationError(
                {"enterprise": _("%(name)s is not a member of this cluster.") % {"name": enterprise.name}}
            )
        record_event(
            cluster, by=by, action="remove_member", from_state=enterprise.credit_code, comment=enterprise.name
        )


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


def _province_reviewers(cluster: Cluster):
    return UserModel.objects.filter(
        reviewer_assignments__level="provincial", reviewer_assignments__region=cluster.county.province_code
    ).distinct()


def _county_officers(cluster: Cluster):
    return UserModel.objects.filter(county_authorities__county=cluster.county_id).distinct()


def file_report(cluster: Cluster, *, by: User, year: int, text: str) -> DevelopmentReport:
    """The county authority files the development report on `year` (§8.4), or files again one the province
    sent back; the province's reviewers are told."""
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
        before = "" if created else report.status
        if not created:
            if report.status == ReportStatus.FORWARDED:
                raise PermissionDenied(_("The province has forwarded this report; it can no longer change."))
            report.text, report.filed_by, report.filed_at = text.strip(), by, now
            report.status = ReportStatus.FILED
            report.save(update_fields=["text", "filed_by", "filed_at", "status"])
        record_event(
            cluster, by=by, action="file_report", from_state=before, to_state=ReportStatus.FILED, report=report,
            year=year,
        )  # fmt: skip
        notify(
            _province_reviewers(cluster),
            subject=gettext_lazy("A cluster's development report awaits forwarding"),
            body=gettext_lazy(
                "%(cluster)s: the report on %(year)s is filed; forward it to the ministry by %(due)s."
            ),
            params={"cluster": cluster.name, "year": year, "due": report_due(year).isoformat()},
            link=f"/clusters/{cluster.pk}/#reports",
        )
    return report


def _locked_report_for_province(report: DevelopmentReport, by: User) -> DevelopmentReport:
    report = DevelopmentReport.objects.select_for_update().select_related("cluster__county").get(pk=report.pk)
    ensure(forward_reports(by, report.cluster))
    if report.status == ReportStatus.FORWARDED:
        raise PermissionDenied(_("This report is already forwarded."))
    if report.status == ReportStatus.RETURNED:
        raise PermissionDenied(_("This report was sent back to the county; it waits to be filed again."))
    return report


def forward_report(report: DevelopmentReport, *, by: User) -> DevelopmentReport:
    """A provincial reviewer whose jurisdiction holds the county forwards the report to the ministry; one
    forwarded after 30 April of the following year is marked late (§8.4). The county is told."""
    with transaction.atomic():
        report = _locked_report_for_province(report, by)
        report.status = ReportStatus.FORWARDED
        report.forwarded_by = by
        report.forwarded_at = timezone.now()
        report.late = timezone.localdate() > report_due(report.year)
        report.save(update_fields=["status", "forwarded_by", "forwarded_at", "late"])
        record_event(
            report.cluster, by=by, action="forward_report", from_state=ReportStatus.FILED,
            to_state=ReportStatus.FORWARDED, report=report, year=report.year,
        )  # fmt: skip
        notify(
            _county_officers(report.cluster),
            subject=gettext_lazy("The province forwarded the cluster's development report"),
            body=gettext_lazy("%(cluster)s: the report on %(year)s is forwarded to the ministry."),
            params={"cluster": report.cluster.name, "year": report.year},
            link=f"/clusters/{report.cluster_id}/#reports",
        )
    return report


def return_report(report: DevelopmentReport, *, by: User, reason: str) -> DevelopmentReport:
    """A provincial reviewer sends the report back to the county with a reason; the county files it again."""
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say why the report is sent back.")})
    with transaction.atomic():
        report = _locked_report_for_province(report, by)
        report.status = ReportStatus.RETURNED
        report.return_reason = reason.strip()
        report.returned_at = timezone.now()
        report.save(update_fields=["status", "return_reason", "returned_at"])
        record_event(
            report.cluster, by=by, action="return_report", from_state=ReportStatus.FILED,
            to_state=ReportStatus.RETURNED, comment=report.return_reason, report=report, year=report.year,
        )  # fmt: skip
        notify(
            _county_officers(report.cluster),
            subject=gettext_lazy("The province sent the cluster's development report back"),
            body=gettext_lazy("%(cluster)s: the report on %(year)s was sent back: %(reason)s"),
            params={"cluster": report.cluster.name, "year": report.year, "reason": report.return_reason},
            link=f"/clusters/{report.cluster_id}/#reports",
        )
    return report


def is_report_overdue(cluster_id: int, year: int, reports: set[tuple[int, int]], today: dt.date) -> bool:
    """Whether the report on `year` is overdue on `today`: past 30 April of the next year and not forwarded."""
    return today > report_due(year) and (cluster_id, year) not in reports
