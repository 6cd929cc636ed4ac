"""Support policies (扶持政策) as data, who qualifies for them (免申即享 runs), and the notices sent.

A policy's eligibility is a list of conditions, each a whitelisted rule expression (policies/conditions.py)
over the canonical enterprise fields and the titles an enterprise holds; they are checked when saved.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from littlegiant.accounts.jurisdiction import region_scope
from littlegiant.audit import AuditEvent
from littlegiant.model_fields import money_field, optional_foreign_key, optional_person_field
from littlegiant.permissions import is_signed_in
from littlegiant.policies.permissions import managed_scope, policy_scope
from littlegiant.reference.constraints import region_matches_level
from littlegiant.reference.models import REGION_LEVEL_OF, GovernmentLevel
from littlegiant.runs import BackgroundRun
from littlegiant.runs import RunStatus as RunStatus  # the run statuses, where the policy pages look for them

if TYPE_CHECKING:
    from littlegiant.accounts.models import User


PolicyLevel = (
    GovernmentLevel  # the level of government that issues a policy; it fixes the level of its region
)
REGION_LEVEL = REGION_LEVEL_OF  # the region level each policy level is issued for (GB/T 2260)


class BenefitKind(models.TextChoices):
    """What a policy gives: a fixed amount, an amount computed from the enterprise's data, or words."""

    AMOUNT = "fixed_amount", _("A fixed amount")
    EXPRESSION = "computed_amount", _("An amount computed from the enterprise's data")
    TEXT = "described", _("Described in words")


class PolicyStatus(models.TextChoices):
    IN_FORCE = "in_force", _("In force")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class PolicyQuerySet(models.QuerySet["Policy"]):
    def for_user(self, user: User) -> PolicyQuerySet:
        """Policies an official manages or reads: inside their jurisdiction, and those issued above it for
        it (national, their province, their city). An enterprise reads the policies of its own region."""
        return self.filter(policy_scope(user))

    def managed_by(self, user: User) -> PolicyQuerySet:
        """Policies the user may change: issued for a region inside their jurisdiction."""
        return self.filter(managed_scope(user))

    def in_force_on(self, day) -> PolicyQuerySet:
        return self.filter(status=PolicyStatus.IN_FORCE, valid_from__lte=day).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=day)
        )

    def covering(self, region) -> PolicyQuerySet:
        """Policies issued for this region or one above it (national ones included)."""
        codes = [code for code in region.path.split("/") if code]
        return self.filter(Q(region__isnull=True) | Q(region_id__in=codes))


class Policy(models.Model):
    """A support policy (扶持政策): who issued it, for where, when, what it gives and who is eligible."""

    title = models.CharField(_("title"), max_length=200)
    issuer = models.CharField(_("issuing authority"), max_length=120)
    level = models.CharField(_("level"), max_length=16, choices=PolicyLevel.choices)
    # Empty for a national policy; else a province, prefecture or county matching the level (GB/T 2260).
    region = optional_foreign_key("reference.Region", related_name="policies", verbose_name=_("region"))
    document_number = models.CharField(_("document number"), max_length=80, blank=True)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    benefit_kind = models.CharField(_("benefit"), max_length=16, choices=BenefitKind.choices)
    benefit_amount = money_field(_("amount (yuan)"), max_digits=16)
    benefit_expression = models.CharField(_("amount expression"), max_length=500, blank=True)
    benefit_text = models.TextField(_("benefit described"), blank=True)
    # [{"label": "...", "expression": "..."}], each checked by policies.conditions when saved.
    conditions = models.JSONField(_("eligibility conditions"), default=list, blank=True)
    # A demo policy's amounts and criteria are illustrations, not a real document's (shown as such).
    demo = models.BooleanField(_("demo data"), default=False)
    status = models.CharField(
        _("status"), max_length=16, choices=PolicyStatus.choices, default=PolicyStatus.IN_FORCE
    )
    created_by = optional_person_field(on_delete=models.SET_NULL, verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = PolicyQuerySet.as_manager()

    class Meta:
        ordering = ["level", "-valid_from", "pk"]
        verbose_name = _("support policy")
        verbose_name_plural = _("support policies")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=F("valid_from")),
                name="policy_ends_after_it_starts",
                violation_error_message=_("A policy cannot end before it starts."),
            ),
            region_matches_level(
                name="policy_region_matches_level",
                message=_("A national policy has no region; every other policy has one."),
            ),
        ]
        indexes = [models.Index(fields=["status", "valid_from"], name="policy_in_force")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_in_force(self) -> bool:
        return self.status == PolicyStatus.IN_FORCE

    @property
    def version_key(self) -> str:
        return f"{self.pk}.{self.updated_at.timestamp() if self.updated_at else 0}"


EVENT_LABELS = {
    "create": _("issued"),
    "edit": _("edited"),
    "withdraw": _("withdrawn"),
    "run": _("qualifying enterprises listed"),
    "finish": _("list finished"),
    "fail": _("list failed"),
    "notify": _("enterprises notified"),
}


class PolicyEvent(AuditEvent):
    """A change to a policy: created, edited, withdrawn, a 免申即享 run started, its enterprises notified."""

    policy = models.ForeignKey(Policy, on_delete=models.CASCADE, related_name="events")

    ACTION_LABELS = EVENT_LABELS

    class Meta(AuditEvent.Meta):
        verbose_name = _("policy event")
        verbose_name_plural = _("policy events")


class PolicyRunQuerySet(models.QuerySet["PolicyRun"]):
    def for_user(self, user: User) -> PolicyRunQuerySet:
        """Runs over a region inside the user's jurisdiction (what the run lists lies in it)."""
        if not is_signed_in(user):
            return self.none()
        return self.filter(region_scope(user, region_field="region"))


class PolicyRun(BackgroundRun):
    """One 免申即享 run: every enterprise of a region whose filing for a year meets a policy's conditions."""

    policy = models.ForeignKey(Policy, on_delete=models.CASCADE, related_name="runs")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("requested by")
    )
    # Empty: the whole country (national reviewers and administrators only).
    region = optional_foreign_key("reference.Region", related_name="+", verbose_name=_("region"))
    year = models.PositiveSmallIntegerField(_("reference year"))
    evaluation_date = models.DateField(_("evaluated on"))
    qualifying = models.PositiveIntegerField(_("qualifying enterprises"), default=0)

    objects = PolicyRunQuerySet.as_manager()

    class Meta(BackgroundRun.Meta):
        verbose_name = _("qualifying-enterprises run")
        verbose_name_plural = _("qualifying-enterprises runs")

    def __str__(self) -> str:
        return f"{self.policy} · {self.year}"


class PolicyMatch(models.Model):
    """An enterprise that a run found qualifying (免申即享)."""

    run = models.ForeignKey(PolicyRun, on_delete=models.CASCADE, related_name="matches")
    enterprise = models.ForeignKey("enterprises.Enterprise", on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ["enterprise__credit_code"]
        verbose_name = _("qualifying enterprise")
        verbose_name_plural = _("qualifying enterprises")
        constraints = [
            models.UniqueConstraint(
                fields=["run", "enterprise"],
                name="one_match_per_run_and_enterprise",
                violation_error_message=_("This enterprise is already listed for this run."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.run_id}: {self.enterprise_id}"


class PolicyNotice(models.Model):
    """That an enterprise was told it qualifies for a policy: at most once per policy and enterprise."""

    policy = models.ForeignKey(Policy, on_delete=models.CASCADE, related_name="notices")
    enterprise = models.ForeignKey(
        "enterprises.Enterprise", on_delete=models.CASCADE, related_name="policy_notices"
    )
    run = optional_foreign_key(PolicyRun, related_name="+", on_delete=models.SET_NULL)
    sent_by = optional_person_field(on_delete=models.SET_NULL)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("policy notice")
        verbose_name_plural = _("policy notices")
        constraints = [
            models.UniqueConstraint(
                fields=["policy", "enterprise"],
                name="one_notice_per_policy_and_enterprise",
                violation_error_message=_("This enterprise was already told about this policy."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.policy_id}: {self.enterprise_id}"
