"""Clusters, their yearly outputs and member enterprises, the county authorities that run them, and their
yearly development reports (criteria.md §8.2-8.4)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from littlegiant.accounts.jurisdiction import (
    NOTHING,
    is_administrator,
    region_scope,
    reviewer_region_paths,
    sees_everywhere,
)
from littlegiant.audit import AuditEvent
from littlegiant.model_fields import (
    money_field,
    optional_foreign_key,
    optional_person_field,
    unknown_decimal_field,
)
from littlegiant.permissions import is_signed_in
from littlegiant.timestamps import Timestamped

if TYPE_CHECKING:
    from littlegiant.accounts.models import User

REPORT_DUE = (4, 30)  # month, day: the previous year's development report reaches MIIT by 30 April (§8.4)


class CountyAuthority(models.Model):
    """A person acting for a county-level SME authority (县级中小企业主管部门): the applicant for its clusters."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="county_authorities"
    )
    county = models.ForeignKey(
        "reference.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("county")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("county SME authority officer")
        verbose_name_plural = _("county SME authority officers")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "county"],
                name="one_county_authority_per_user_county",
                violation_error_message=_("This person already acts for this county."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.county}"


def county_authority_scope(user: User, *, county_field: str) -> Q:
    """Rows in the counties the user acts for as the county SME authority; nothing for a visitor. The one
    filter of it: the registry's lists here, and the recognition of clusters above."""
    if not is_signed_in(user):
        return NOTHING
    return Q(**{f"{county_field}__in": CountyAuthority.objects.filter(user=user).values("county_id")})


def _scope(user: User, *, region_field: str) -> Q | None:
    """Rows in the user's reviewer jurisdiction or in a county the user acts for; None when they see all."""
    if sees_everywhere(user):
        return None
    if not is_signed_in(user):
        return NOTHING
    return region_scope(user, region_field=region_field) | county_authority_scope(
        user, county_field=region_field
    )


class ClusterQuerySet(models.QuerySet["Cluster"]):
    def for_user(self, user: User) -> ClusterQuerySet:
        """Clusters this user may manage or review: in their jurisdiction, or of their county."""
        scope = _scope(user, region_field="county")
        return self.all() if scope is None else self.filter(scope)


class Cluster(Timestamped):
    """A distinctive industrial cluster of SMEs, located within one county-level area (§8.2)."""

    name = models.CharField(_("name"), max_length=200)
    county = models.ForeignKey(
        "reference.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("county")
    )
    main_industry = models.ForeignKey(
        "reference.IndustryClass",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("main industry (GB/T 4754 class)"),
    )
    area_km2 = unknown_decimal_field(
        _("area in km²"), max_digits=9, decimal_places=2, validators=[MinValueValidator(0)]
    )
    # Single champions (制造业单项冠军) are not recognised on the platform: the county declares how many of its
    # members in the main industry hold one, for the reviewers to confirm.
    single_champions = models.PositiveSmallIntegerField(
        _("single champions in the main industry (declared)"), null=True, blank=True
    )
    # Aspect 1's qualitative part, aspects 3-8 and the compliance condition: declared, confirmed by reviewers.
    declarations = models.JSONField(_("declarations"), default=dict, blank=True)
    members = models.ManyToManyField(
        "enterprises.Enterprise", through="ClusterMember", related_name="clusters", verbose_name=_("members")
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = ClusterQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("cluster")
        verbose_name_plural = _("clusters")
        constraints = [
            models.UniqueConstraint(
                fields=["county", "name"],
                name="one_cluster_name_per_county",
                violation_error_message=_("This county already has a cluster of this name."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class ClusterOutput(models.Model):
    """A year's output of the cluster: total, by SMEs, and by the main industry (yuan)."""

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="outputs")
    year = models.PositiveSmallIntegerField(_("year"))
    total = models.DecimalField(
        _("total output"), max_digits=18, decimal_places=2, validators=[MinValueValidator(0)]
    )
    sme = money_field(_("SMEs' output"), max_digits=18, validators=[MinValueValidator(0)])
    main_industry = money_field(_("main industry's output"), max_digits=18, validators=[MinValueValidator(0)])

    class Meta:
        ordering = ["cluster", "year"]
        verbose_name = _("cluster output")
        verbose_name_plural = _("cluster outputs")
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "year"],
                name="one_output_per_cluster_year",
                violation_error_message=_("This year's output is already recorded."),
            ),
            models.CheckConstraint(
                condition=Q(sme__isnull=True) | Q(sme__lte=models.F("total")),
                name="sme_output_within_total",
                violation_error_message=_("SMEs' output cannot exceed the total output."),
            ),
            models.CheckConstraint(
                condition=Q(main_industry__isnull=True) | Q(main_industry__lte=models.F("total")),
                name="main_industry_output_within_total",
                violation_error_message=_("The main industry's output cannot exceed the total output."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cluster} · {self.year}"

    @property
    def sme_share(self) -> Decimal | None:
        return None if self.sme is None or not self.total else self.sme / self.total

    @property
    def main_share(self) -> Decimal | None:
        return None if self.main_industry is None or not self.total else self.main_industry / self.total


class ClusterMember(models.Model):
    """An enterprise of the registry belonging to the cluster."""

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="memberships")
    enterprise = models.ForeignKey("enterprises.Enterprise", on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["cluster", "enterprise__name"]
        verbose_name = _("cluster member")
        verbose_name_plural = _("cluster members")
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "enterprise"],
                name="one_membership_per_cluster_enterprise",
                violation_error_message=_("This enterprise is already a member of the cluster."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.cluster} · {self.enterprise}"


def report_due(year: int) -> dt.date:
    """The day the development report on `year` is due: 30 April of the following year (§8.4)."""
    return dt.date(year + 1, *REPORT_DUE)


class ReportStatus(models.TextChoices):
    """Where a development report stands: filed by the county, forwarded to the ministry by the province, or
    sent back to the county with a reason (it is then filed again)."""

    FILED = "filed", _("Filed, awaiting the province")
    FORWARDED = "forwarded", _("Forwarded to the ministry")
    RETURNED = "returned", _("Sent back to the county")


class DevelopmentReportQuerySet(models.QuerySet["DevelopmentReport"]):
    def for_user(self, user: User) -> DevelopmentReportQuerySet:
        """Reports of the clusters the user manages or reviews; the ministry (a national reviewer) sees the
        reports the provinces have forwarded to it (§8.4), not those still at the province."""
        scope = _scope(user, region_field="cluster__county")
        rows = self.all() if scope is None else self.filter(scope)
        if (
            is_signed_in(user)
            and not is_administrator(user)
            and reviewer_region_paths(user) is None
            and not user.county_authorities.exists()
        ):
            rows = rows.filter(status=ReportStatus.FORWARDED)
        return rows


class DevelopmentReport(models.Model):
    """The yearly development report on a year, filed by the county and forwarded by the province (§8.4)."""

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="reports")
    year = models.PositiveSmallIntegerField(_("year reported on"))
    text = models.TextField(_("report"))
    status = models.CharField(
        _("status"), max_length=16, choices=ReportStatus.choices, default=ReportStatus.FILED
    )
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    filed_at = models.DateTimeField(_("filed at"))
    forwarded_by = optional_person_field()
    forwarded_at = models.DateTimeField(_("forwarded at"), null=True, blank=True)
    late = models.BooleanField(_("forwarded late"), default=False)
    return_reason = models.TextField(_("why it was sent back"), blank=True)
    returned_at = models.DateTimeField(_("sent back at"), null=True, blank=True)

    objects = DevelopmentReportQuerySet.as_manager()

    class Meta:
        ordering = ["cluster", "-year"]
        verbose_name = _("development report")
        verbose_name_plural = _("development reports")
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "year"],
                name="one_report_per_cluster_year",
                violation_error_message=_("The report on this year is already filed."),
            ),
            models.CheckConstraint(
                condition=Q(status="forwarded", forwarded_at__isnull=False)
                | (~Q(status="forwarded") & Q(forwarded_at__isnull=True)),
                name="forwarded_report_has_its_date",
                violation_error_message=_("A forwarded report carries the day it was forwarded."),
            ),
            models.CheckConstraint(
                condition=~Q(status="returned") | ~Q(return_reason=""),
                name="returned_report_has_a_reason",
                violation_error_message=_("A report is sent back with a reason."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cluster} · {self.year}"

    @property
    def due_on(self) -> dt.date:
        return report_due(self.year)

    @property
    def is_returned(self) -> bool:
        return self.status == ReportStatus.RETURNED


# What each action of a cluster's trail is called on its page.
EVENT_LABELS = {
    "add_member": _("member added"),
    "remove_member": _("member removed"),
    "record_output": _("output entered"),
    "file_report": _("filed"),
    "forward_report": _("forwarded to the ministry"),
    "return_report": _("sent back"),
    "remind": _("reminder sent"),
}


class ClusterEvent(AuditEvent):
    """One entry of a cluster's trail (the platform's audit-event base): members added or removed, outputs
    entered, a report filed, forwarded or sent back, a reminder sent."""

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="events")
    report = optional_foreign_key(DevelopmentReport, related_name="events", on_delete=models.SET_NULL)
    # The year a report or a reminder concerns, so the overdue list counts the reminders of each year.
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)

    ACTION_LABELS = EVENT_LABELS

    class Meta(AuditEvent.Meta):
        verbose_name = _("cluster event")
        verbose_name_plural = _("cluster events")
        indexes = [models.Index(fields=["cluster", "action", "year"], name="cluster_event_action_year")]
