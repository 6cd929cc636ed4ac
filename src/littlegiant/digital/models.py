"""Digital-level evaluations (中小企业数字化水平评测, 2024 edition): one per enterprise and year.

The answers are kept as the enterprise gives them, section by section; the score, the provisional level (D17)
and the per-dimension points are recomputed by `scoring` on every save and stored, so that the tracker
counts levels in SQL without reading answers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce, Substr
from django.utils.translation import gettext_lazy as _

from littlegiant.audit import AuditEvent
from littlegiant.digital.questionnaire import CURRENT_ID
from littlegiant.enterprises.permissions import enterprise_scope
from littlegiant.model_fields import optional_person_field, unknown_decimal_field

if TYPE_CHECKING:
    from littlegiant.accounts.models import User


class EvaluationStatus(models.TextChoices):
    DRAFT = "draft", _("In progress")
    SUBMITTED = "submitted", _("Submitted")


class EvaluationSource(models.TextChoices):
    SELF = "self", _("Self-evaluation on this platform")
    IMPORTED = "imported", _("Imported result")


class EvaluationQuerySet(models.QuerySet["Evaluation"]):
    def for_user(self, user: User) -> EvaluationQuerySet:
        """Evaluations of the enterprises this user may see (members; reviewers inside their jurisdiction)."""
        return self.filter(enterprise_scope(user, prefix="enterprise__"))

    def submitted(self) -> EvaluationQuerySet:
        return self.filter(status=EvaluationStatus.SUBMITTED)


class Evaluation(models.Model):
    """An enterprise's digital-level self-evaluation (数字化水平自评) for one year, saved as it goes."""

    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        on_delete=models.PROTECT,
        related_name="digital_evaluations",
        verbose_name=_("enterprise"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    questionnaire_id = models.CharField(_("questionnaire"), max_length=64, default=CURRENT_ID)
    status = models.CharField(
        _("status"), max_length=16, choices=EvaluationStatus.choices, default=EvaluationStatus.DRAFT
    )
    source = models.CharField(
        _("source"), max_length=16, choices=EvaluationSource.choices, default=EvaluationSource.SELF
    )
    # item id -> option key, list of keys or percentage text; scenario id -> level 1-4 (see digital/scoring.py).
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    sections_saved = models.JSONField(_("sections saved"), default=list, blank=True)
    # Exact: every option is worth a multiple of 0.001 point, so three places hold any sum exactly.
    foundation_points = models.DecimalField(
        _("digital foundation"), max_digits=6, decimal_places=3, default=0
    )
    management_points = models.DecimalField(
        _("digital management"), max_digits=6, decimal_places=3, default=0
    )
    results_points = models.DecimalField(_("digital results"), max_digits=6, decimal_places=3, default=0)
    # Empty until every scored item is answered (D5).
    total_points = unknown_decimal_field(_("score"), max_digits=6, decimal_places=3)
    # The provisional level (D17); empty when below 20 or not yet decided.
    provisional_level = models.PositiveSmallIntegerField(_("provisional level"), null=True, blank=True)
    weakest_dimension = models.CharField(_("weakest dimension"), max_length=16, blank=True)
    pledged_at = models.DateTimeField(_("pledge given at"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = optional_person_field(verbose_name=_("submitted by"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = EvaluationQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "enterprise_id"]
        verbose_name = _("digital-level evaluation")
        verbose_name_plural = _("digital-level evaluations")
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "year"],
                name="one_digital_evaluation_per_enterprise_year",
                violation_error_message=_(
                    "This enterprise already has a digital-level evaluation for that year."
                ),
            ),
            models.CheckConstraint(
                condition=Q(provisional_level__isnull=True)
                | Q(provisional_level__gte=1, provisional_level__lte=4),
                name="digital_provisional_level_1_to_4",
                violation_error_message=_("A digital level is 1, 2, 3 or 4."),
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | (Q(total_points__isnull=False) & Q(pledged_at__isnull=False)),
                name="digital_submitted_is_complete_and_pledged",
                violation_error_message=_(
                    "A submitted evaluation answers every item and carries the pledge."
                ),
            ),
        ]
        indexes = [models.Index(fields=["year", "status", "enterprise"], name="digital_eval_year_status")]

    def __str__(self) -> str:
        return f"{self.enterprise_id} {self.year}"

    @property
    def is_draft(self) -> bool:
        return self.status == EvaluationStatus.DRAFT


class EvaluationEvent(AuditEvent):
    """One entry of an evaluation's trail: opened, a section saved, submitted, imported."""

    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.CASCADE, related_name="events", verbose_name=_("evaluation")
    )

    class Meta(AuditEvent.Meta):
        verbose_name = _("evaluation event")
        verbose_name_plural = _("evaluation events")


class LevelSource(models.TextChoices):
    MIIT = "miit", _("MIIT platform")
    QUESTIONNAIRE = "questionnaire", _("questionnaire, provisional")
    NONE = "", _("none known")


# The not-there-yet list's order after its equality columns, as the tracker reads it (weakest first, then by
# place and name): both list indexes end with it.
_LIST_ORDER = (Coalesce("level", Value(0)), F("region_path"), F("name"), F("enterprise"))


class LevelSnapshot(models.Model):
    """The level that counts (D17) for an enterprise holding a tracked title during a year: what the 2027
    tracker counts, grouped and filtered without a join.

    One row per enterprise, year, tier and span of the year over which the enterprise holds the tier's title
    (its non-revoked recognitions, renewals merged), so that "holds the title on day D" is one range test.
    Kept by `digital.levels.refresh` in the transaction of every service that changes what it copies: the
    evaluation's submission or import, a filing's MIIT-entered level, the enterprise's region or name (the
    register's `register_changed` signal), a title's grant or revocation (recognition's services).
    `littlegiant digital rebuild-levels` writes it all again from those sources.
    """

    enterprise = models.ForeignKey(
        "enterprises.Enterprise", on_delete=models.CASCADE, related_name="+", verbose_name=_("enterprise")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    tier = models.CharField(_("tier"), max_length=20)
    held_from = models.DateField(_("title held from"))
    held_until = models.DateField(_("title held until"))
    # Copies of the enterprise's region (its path for prefix filters and grouping) and name (for ordering).
    region = models.ForeignKey(
        "reference.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("region")
    )
    region_path = models.CharField(_("region path"), max_length=32)
    name = models.CharField(_("enterprise name"), max_length=200)
    level = models.PositiveSmallIntegerField(_("level that counts"), null=True, blank=True)
    source = models.CharField(
        _("source of the level"), max_length=16, choices=LevelSource.choices, blank=True
    )
    miit_level = models.PositiveSmallIntegerField(_("MIIT-entered level"), null=True, blank=True)
    questionnaire_level = models.PositiveSmallIntegerField(_("questionnaire level"), null=True, blank=True)
    weakest_dimension = models.CharField(_("weakest dimension"), max_length=16, blank=True)

    class Meta:
        verbose_name = _("digital-level snapshot")
        verbose_name_plural = _("digital-level snapshots")
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "year", "tier", "held_from"],
                name="one_level_snapshot_per_title_span",
                violation_error_message=_(
                    "This enterprise already has a snapshot for that span of the year."
                ),
            ),
        ]
        indexes = [
            # The not-there-yet list, read in its order (weakest first) and stopped after a page.
            models.Index(F("tier"), F("year"), *_LIST_ORDER, name="digital_snapshot_list"),
            # The same list inside a province (or a city or county of it): equality on the province's code
            # first, so a province's page reads its own rows in order and never another province's.
            models.Index(
                F("tier"),
                F("year"),
                Substr("region_path", 1, 6),
                *_LIST_ORDER,
                name="digital_snapshot_area_list",
            ),
            # The tracker's grouped counts: equality on tier and year, a prefix on the path (pattern operators,
            # since a non-C collation cannot use a plain index for LIKE), the rest read from the index alone.
            # Key columns rather than INCLUDE, which SQLite does not have.
            models.Index(
                fields=["tier", "year", "region_path", "held_until", "held_from", "level"],
                opclasses=[
                    "varchar_pattern_ops",
                    "int2_ops",
                    "varchar_pattern_ops",
                    "date_ops",
                    "date_ops",
                    "int2_ops",
                ],
                name="digital_snapshot_counts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise_id} {self.year} {self.tier}"


class CountGrain(models.IntegerChoices):
    """How far down the region path a level count is kept: the tracker sums the grain one below the region it
    shows (the whole country: provinces; a province: its cities; a city or county: counties)."""

    PROVINCE = 1, _("province")
    CITY = 2, _("city")
    COUNTY = 3, _("county")


class LevelCount(models.Model):
    """How many snapshot rows share a tier, year, region, title span and level (0: none known): the tracker's
    counts, summed over a few hundred rows instead of counted over 140,000. Every snapshot row is counted three
    times, at each grain: under its province, its city and its county (its own region, where its path is
    shorter), so the whole country's figures sum some hundred province rows and not 14,000 county rows. Kept
    with the snapshot by `digital.levels`, as a difference of the rows it replaces."""

    grain = models.PositiveSmallIntegerField(_("grain"), choices=CountGrain.choices)
    tier = models.CharField(_("tier"), max_length=20)
    year = models.PositiveSmallIntegerField(_("year"))
    region = models.ForeignKey(
        "reference.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("region")
    )
    region_path = models.CharField(_("region path"), max_length=32)
    held_from = models.DateField(_("title held from"))
    held_until = models.DateField(_("title held until"))
    level = models.PositiveSmallIntegerField(_("level that counts (0: none known)"))
    enterprises = models.IntegerField(_("enterprises"))

    class Meta:
        verbose_name = _("digital-level count")
        verbose_name_plural = _("digital-level counts")
        constraints = [
            models.UniqueConstraint(
                fields=["grain", "tier", "year", "region", "held_from", "held_until", "level"],
                name="one_level_count_per_grain_and_key",
                violation_error_message=_("This count already exists."),
            ),
        ]
        indexes = [
            models.Index(
                fields=[
                    "tier",
                    "grain",
                    "year",
                    "region_path",
                    "held_until",
                    "held_from",
                    "level",
                    "enterprises",
                ],
                opclasses=[
                    "varchar_pattern_ops",
                    "int2_ops",
                    "int2_ops",
                    "varchar_pattern_ops",
                    "date_ops",
                    "date_ops",
                    "int2_ops",
                    "int4_ops",
                ],
                name="digital_count_grain_sums",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tier} {self.year} {self.region_id} {self.level}: {self.enterprises}"
