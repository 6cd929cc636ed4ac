"""Policy what-if scenarios (政策模拟): a copy of a rule pack with some numbers changed (or a second pack),
run over a jurisdiction's registry without touching any live decision, and the enterprises that moved."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from littlegiant.accounts.jurisdiction import is_official, region_scope
from littlegiant.audit import AuditEventKeptAfterActor
from littlegiant.model_fields import optional_foreign_key
from littlegiant.permissions import is_signed_in
from littlegiant.runs import BackgroundRun
from littlegiant.runs import RunStatus as RunStatus  # where the scenario pages look for it

if TYPE_CHECKING:
    from littlegiant.accounts.models import User


class ScenarioKind(models.TextChoices):
    VARIANT = "variant", _("Changed numbers")
    COMPARISON = "comparison", _("Two standards compared")


class Direction(models.TextChoices):
    GAIN = "gain", _("Gains the outcome")
    LOSS = "loss", _("Loses the outcome")
    SHIFT = "shift", _("Changes class")


class ScenarioQuerySet(models.QuerySet["Scenario"]):
    def for_user(self, user: User) -> ScenarioQuerySet:
        """Scenarios this user made, and those of regions inside their jurisdiction (shared there)."""
        if not is_signed_in(user) or not is_official(user):
            return self.none()
        return self.filter(Q(created_by=user) | region_scope(user, region_field="region"))


class Scenario(models.Model):
    """A what-if: a base rule pack and either changed numbers or a second pack, over a region's registry."""

    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(
        _("kind"), max_length=16, choices=ScenarioKind.choices, default=ScenarioKind.VARIANT
    )
    base_pack_id = models.CharField(_("base rule pack"), max_length=64)
    # A comparison's second pack (2022 against 2026); empty for a variant of the base pack.
    compare_pack_id = models.CharField(_("compared rule pack"), max_length=64, blank=True)
    # key (rules.variants.PackNumber.key) -> new value as text
    changes = models.JSONField(_("changed numbers"), default=dict, blank=True)
    # Empty region: the whole country (national reviewers and administrators only).
    region = optional_foreign_key("reference.Region", related_name="scenarios", verbose_name=_("region"))
    year = models.PositiveSmallIntegerField(_("reference year"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="scenarios",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ScenarioQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("scenario")
        verbose_name_plural = _("scenarios")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["variant", "comparison"]),
                name="scenario_kind_known",
                violation_error_message=_("Unknown kind of scenario."),
            ),
            models.CheckConstraint(
                condition=~Q(kind="comparison") | ~Q(compare_pack_id=""),
                name="scenario_comparison_names_a_pack",
                violation_error_message=_("A comparison needs a second rule pack."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ScenarioRunQuerySet(models.QuerySet["ScenarioRun"]):
    def for_user(self, user: User) -> ScenarioRunQuerySet:
        """Runs of the scenarios this user may see."""
        return self.filter(scenario__in=Scenario.objects.for_user(user).values("pk"))


class ScenarioRun(BackgroundRun):
    """One run of a scenario over its region's filings of its year, in the background."""

    scenario = models.ForeignKey(
        Scenario, on_delete=models.CASCADE, related_name="runs", verbose_name=_("scenario")
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("requested by")
    )
    evaluation_date = models.DateField(_("evaluated on"))
    # rows, holding_base, holding_variant, gains, losses, shifts, transitions [[base, variant, count]], amount
    summary = models.JSONField(_("summary"), default=dict, blank=True)

    READING_PERCENT = 80  # the comparison after the reading is the last 20%

    objects = ScenarioRunQuerySet.as_manager()

    class Meta(BackgroundRun.Meta):
        verbose_name = _("scenario run")
        verbose_name_plural = _("scenario runs")

    def __str__(self) -> str:
        return f"{self.scenario} · {self.get_status_display()}"


class Mover(models.Model):
    """An enterprise whose outcome differs between the scenario's two packs in one run."""

    run = models.ForeignKey(
        ScenarioRun, on_delete=models.CASCADE, related_name="movers", verbose_name=_("run")
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise", on_delete=models.CASCADE, related_name="+", verbose_name=_("enterprise")
    )
    region = models.ForeignKey(
        "reference.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("region")
    )
    # The city (or, under a municipality, the county) and the province, for grouping without joins.
    city_code = models.CharField(_("city"), max_length=6, db_index=True)
    province_code = models.CharField(_("province"), max_length=6)
    section = optional_foreign_key(
        "reference.IndustrySection", related_name="+", verbose_name=_("industry section")
    )
    size_class = models.CharField(_("size class"), max_length=24, blank=True)
    direction = models.CharField(_("direction"), max_length=8, choices=Direction.choices)
    base_outcome = models.CharField(_("outcome before"), max_length=24)
    variant_outcome = models.CharField(_("outcome after"), max_length=24)
    moved_by = models.JSONField(_("criteria that moved it"), default=list)

    class Meta:
        ordering = ["run", "pk"]
        verbose_name = _("mover")
        verbose_name_plural = _("movers")
        constraints = [
            models.UniqueConstraint(
                fields=["run", "enterprise"],
                name="one_mover_per_run_and_enterprise",
                violation_error_message=_("This enterprise is already listed for this run."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.enterprise_id}: {self.base_outcome} → {self.variant_outcome}"


class ScenarioEvent(AuditEventKeptAfterActor):
    """A scenario's trail: created, run started, finished or failed (kept when the person who acted leaves)."""

    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="events")

    class Meta(AuditEventKeptAfterActor.Meta):
        verbose_name = _("scenario event")
        verbose_name_plural = _("scenario events")

    def __str__(self) -> str:
        return f"{self.scenario_id}: {self.action}"
