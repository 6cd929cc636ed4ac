"""The yearly recognition process: programmes with review stages as data, applications with evidence and
frozen versions, review decisions, spot checks, expert draws, public notices, recognitions and their
management."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from littlegiant.accounts.models import ReviewLevel
from littlegiant.enterprises.permissions import enterprise_scope

if TYPE_CHECKING:
    from littlegiant.accounts.models import User

VALIDITY_YEARS = 3
REAPPLY_BLOCK_YEARS = 3
CHANGE_REPORT_MONTHS = 3
ANNUAL_UPDATE_DUE = (4, 30)  # month, day: the yearly data update is due by 30 April (§5.3)


class Tier(models.TextChoices):
    """The three tiers of the gradient-cultivation system."""

    INNOVATIVE_SME = "innovative_sme", _("Innovative SME")
    SRDI_SME = "srdi_sme", _("SRDI SME")
    LITTLE_GIANT = "little_giant", _("SRDI little giant")


class ProgrammeKind(models.TextChoices):
    NEW = "new", _("New recognition")
    REVIEW = "review", _("Review at expiry (复核)")


def default_review_form() -> list[dict[str, object]]:
    """The expert review form: four headings of the little-giant standard, 25 points each."""
    return [
        {"key": "specialisation", "label_zh": "专业化", "label_en": "Specialisation", "max": 25},
        {"key": "refinement", "label_zh": "精细化", "label_en": "Refinement", "max": 25},
        {"key": "distinctiveness", "label_zh": "特色化", "label_en": "Distinctiveness", "max": 25},
        {"key": "innovation", "label_zh": "创新能力", "label_en": "Innovation", "max": 25},
    ]


class ProgrammeQuerySet(models.QuerySet["Programme"]):
    def open_on(self, day: dt.date) -> ProgrammeQuerySet:
        """Programmes taking applications on that day."""
        return self.filter(applications_open_on__lte=day, applications_close_on__gte=day)


class Programme(models.Model):
    """One yearly recognition round: a tier, a year and a kind, with its rule pack and review stages (D11)."""

    tier = models.CharField(_("tier"), max_length=20, choices=Tier.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(
        _("kind"), max_length=10, choices=ProgrammeKind.choices, default=ProgrammeKind.NEW
    )
    title = models.CharField(_("title"), max_length=200)
    pack_id = models.CharField(
        _("rule pack"),
        max_length=64,
        blank=True,
        help_text=_(
            "Left empty, it is resolved from the tier, the opening date and the kind (decision D11)."
        ),
    )
    applications_open_on = models.DateField(_("applications open on"))
    applications_close_on = models.DateField(_("applications close on"))
    expert_pass_mark = models.DecimalField(
        _("expert pass mark"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("60"),
        help_text=_("The mean expert score at or above which the expert review recommends passing."),
    )
    review_form = models.JSONField(_("expert review form"), default=default_review_form)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "tier", "kind"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        constraints = [
            models.UniqueConstraint(
                fields=["tier", "year", "kind"],
                name="one_programme_per_tier_year_kind",
                violation_error_message=_("A programme for this tier, year and kind already exists."),
            ),
            models.CheckConstraint(
                condition=Q(applications_close_on__gte=models.F("applications_open_on")),
                name="programme_closes_after_it_opens",
                violation_error_message=_("Applications must close on or after the day they open."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: object, **kwargs: object) -> None:
        if not self.pack_id:
            self.pack_id = self.resolved_pack_id()
        super().save(*args, **kwargs)

    @property
    def reference_year(self) -> int:
        """The data year an applicant declares: the year before the programme (上年度)."""
        return self.year - 1

    def resolved_pack_id(self) -> str:
        from littlegiant.rules import registry

        return registry.resolve(self.tier, self.applications_open_on, self.kind).id

    def clean(self) -> None:
        from littlegiant.rules import PackNotFound, registry

        if self.pack_id:
            try:
                registry.get(self.pack_id)
            except PackNotFound:
                raise ValidationError({"pack_id": _("There is no rule pack with this id.")}) from None
        elif self.tier and self.applications_open_on and self.kind:
            try:
                self.pack_id = self.resolved_pack_id()
            except PackNotFound:
                raise ValidationError(
                    {"pack_id": _("No rule pack applies to this tier, date and kind; name one.")}
                ) from None

    def is_open(self, day: dt.date | None = None) -> bool:
        day = day or timezone.localdate()
        return self.applications_open_on <= day <= self.applications_close_on


class ReviewStage(models.Model):
    """One level of review in a programme: who reviews, and whether spot checks, experts and a 公示 apply."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="stages")
    order = models.PositiveSmallIntegerField(_("order"))
    level = models.CharField(_("level"), max_length=16, choices=ReviewLevel.choices)
    spot_check = models.BooleanField(_("on-site spot checks"), default=False)
    expert_review = models.BooleanField(_("expert review"), default=False)
    expert_count = models.PositiveSmallIntegerField(_("experts drawn"), default=5)
    exclude_same_province_experts = models.BooleanField(
        _("exclude experts from the enterprise's province"), default=False
    )
    public_notice = models.BooleanField(_("public notice (公示)"), default=False)
    notice_days = models.PositiveSmallIntegerField(_("notice length in days"), default=5)
    opens_on = models.DateField(_("review opens on"))
    closes_on = models.DateField(_("review closes on"))

    class Meta:
        ordering = ["programme", "order"]
        verbose_name = _("review stage")
        verbose_name_plural = _("review stages")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "order"],
                name="one_stage_per_programme_order",
                violation_error_message=_("Two stages of a programme cannot share a position."),
            ),
            models.UniqueConstraint(
                fields=["programme", "level"],
                name="one_stage_per_programme_level",
                violation_error_message=_("A programme reviews at each level at most once."),
            ),
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")),
                name="stage_closes_after_it_opens",
                violation_error_message=_("A review stage must close on or after the day it opens."),
            ),
            models.CheckConstraint(
                condition=Q(public_notice=False) | Q(notice_days__gte=1),
                name="notice_lasts_a_day_at_least",
                violation_error_message=_("A public notice lasts at least one day."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme} · {self.get_level_display()}"

    def clean(self) -> None:
        if self.expert_review and self.expert_count < 1:
            raise ValidationError({"expert_count": _("An expert review draws at least one expert.")})


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    RETURNED = "returned", _("Returned for correction")
    STAGE_PASSED = "stage_passed", _("Passed, awaiting public notice")
    ON_NOTICE = "on_notice", _("Under public notice")
    PASSED = "passed", _("Passed, awaiting recognition")
    REJECTED = "rejected", _("Rejected")
    RECOGNISED = "recognised", _("Recognised")


class RejectionReason(models.TextChoices):
    NOT_ELIGIBLE = "not_eligible", _("Does not meet the general eligibility conditions")
    CRITERIA_UNMET = "criteria_unmet", _("Does not meet the recognition criteria")
    DATA_INCONSISTENT = "data_inconsistent", _("Data inconsistent with the evidence")
    FALSE_INFORMATION = "false_information", _("False or falsified information")
    EVIDENCE_MISSING = "evidence_missing", _("Evidence missing after correction")
    SPOT_CHECK_FAILED = "spot_check_failed", _("Failed the on-site spot check")
    OBJECTION_UPHELD = "objection_upheld", _("An objection during the public notice was upheld")
    OTHER = "other", _("Other")


# The statuses an application waits in for a reviewer: the queue's default filter.
AWAITING_REVIEW = [
    ApplicationStatus.IN_REVIEW,
    ApplicationStatus.STAGE_PASSED,
    ApplicationStatus.ON_NOTICE,
    ApplicationStatus.PASSED,
]


class ApplicationQuerySet(models.QuerySet["Application"]):
    def for_user(self, user: User) -> ApplicationQuerySet:
        """Applications this user may see: their enterprises', their jurisdiction's, or theirs to score."""
        scope = enterprise_scope(user, prefix="enterprise__")
        if scope == Q():
            return self.all()
        if user.is_authenticated:
            assigned = ExpertReview.objects.filter(expert__user=user).values("draw__application_id")
            scope |= Q(pk__in=assigned)
        return self.filter(scope)

    def at_stages_of(self, user: User) -> ApplicationQuerySet:
        """Applications whose current stage this reviewer acts at: their level, inside their region."""
        # Read from the application's own copies of the stage level and region path, so that the queue's
        # indexes apply; `for_user()` still checks the enterprise's live region.
        condition = Q(pk__in=[])
        for level, path in user.reviewer_assignments.values_list("level", "region__path"):
            if path is None:
                condition |= Q(stage_level=level)
            else:
                condition |= Q(stage_level=level, region_path__startswith=path)
        return self.filter(condition)


class Application(models.Model):
    """An enterprise's declaration for a programme, from draft through the review stages to a decision."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="applications")
    enterprise = models.ForeignKey(
        "enterprises.Enterprise", on_delete=models.PROTECT, related_name="applications"
    )
    filing = models.ForeignKey(
        "enterprises.AnnualFiling",
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("filing"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT
    )
    current_stage = models.ForeignKey(
        ReviewStage,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("current stage"),
    )
    # Bumped by every transition: a decision taken on a page opened before another one is refused.
    version = models.PositiveIntegerField(default=0)
    outcome = models.CharField(_("self-assessment outcome"), max_length=24, blank=True)
    score = models.PositiveSmallIntegerField(_("self-assessment score"), null=True, blank=True)
    pledge_signed_at = models.DateTimeField(_("pledge signed at"), null=True, blank=True)
    pledge_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    return_note = models.TextField(_("what to correct"), blank=True)
    rejection_reason = models.CharField(
        _("rejection reason"), max_length=24, choices=RejectionReason.choices, blank=True
    )
    rejection_comment = models.TextField(_("rejection comment"), blank=True)
    reviewed_explanation = models.JSONField(
        _("explanation after reviewers' confirmations"), null=True, blank=True
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    # Copies of the current stage's level and the enterprise's region path, kept by save(): the review queue
    # filters on them through its own indexes instead of joining the stage and the enterprise's region.
    stage_level = models.CharField(
        _("current stage level"), max_length=16, choices=ReviewLevel.choices, blank=True, editable=False
    )
    region_path = models.CharField(_("region path"), max_length=32, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "enterprise"],
                name="one_application_per_programme_enterprise",
                violation_error_message=_("This enterprise has already applied to this programme."),
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(rejection_reason=""),
                name="rejection_has_a_reason",
                violation_error_message=_("A rejection needs a reason."),
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(current_stage__isnull=False),
                name="submitted_has_a_stage",
                violation_error_message=_("A submitted application is always at a stage."),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "current_stage", "submitted_at"], name="application_queue"),
            # The review queue's default filter and orderings: a page is read off an index in order,
            # instead of joining and sorting every awaiting application.
            models.Index(
                fields=["stage_level", "submitted_at", "id"],
                name="queue_by_submission",
                condition=Q(status__in=AWAITING_REVIEW),
            ),
            models.Index(
                "stage_level",
                # Descending puts nulls first on PostgreSQL, as the queue orders them (SQLite refuses NULLS FIRST
                # in an index).
                models.F("score").desc(),
                "submitted_at",
                "id",
                name="queue_by_score",
                condition=Q(status__in=AWAITING_REVIEW),
            ),
            # A prefix search (LIKE '330100/%'); the pattern operator class is PostgreSQL's and ignored
            # elsewhere.
            models.Index(
                fields=["stage_level", "region_path", "submitted_at"],
                name="queue_by_region",
                opclasses=["", "varchar_pattern_ops", ""],
                condition=Q(status__in=AWAITING_REVIEW),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.programme}"

    def save(self, *args: object, **kwargs: object) -> None:
        update_fields = kwargs.get("update_fields")
        if update_fields is None or {"current_stage", "enterprise"} & set(update_fields):
            self.stage_level = self.current_stage.level if self.current_stage_id else ""
            self.region_path = self.enterprise.region.path
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "stage_level", "region_path"}
        super().save(*args, **kwargs)

    def latest_version(self) -> ApplicationVersion | None:
        return self.versions.order_by("-number").first()


class ApplicationVersion(models.Model):
    """What was submitted, frozen: the filing values, the evidence list and the engine's explanation."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    filing_year = models.PositiveSmallIntegerField(_("reference year"))
    values = models.JSONField(_("filing values"))
    evidence = models.JSONField(_("evidence list"))
    explanations = models.JSONField(_("explanations"))
    pack_id = models.CharField(_("rule pack"), max_length=64)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(_("submitted at"))

    class Meta:
        ordering = ["application", "number"]
        verbose_name = _("application version")
        verbose_name_plural = _("application versions")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "number"],
                name="one_version_number_per_application",
                violation_error_message=_("This version number is taken."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.application} · v{self.number}"

    @property
    def explanation(self) -> dict[str, object]:
        """The explanation of the programme's own pack (dependencies are kept alongside)."""
        return self.explanations.get(self.pack_id, {})

    def diff(self, previous: ApplicationVersion) -> dict[str, list[dict[str, object]]]:
        """What changed since the previous version, field by field, and which documents came and went."""
        fields = [
            {"field": name, "before": previous.values.get(name), "after": self.values.get(name)}
            for name in sorted(set(previous.values) | set(self.values))
            if previous.values.get(name) != self.values.get(name)
        ]
        before = {item["sha256"]: item for item in previous.evidence}
        after = {item["sha256"]: item for item in self.evidence}
        return {
            "fields": fields,
            "added": [item for key, item in after.items() if key not in before],
            "removed": [item for key, item in before.items() if key not in after],
            "outcome": [
                {"before": previous.explanation.get("outcome"), "after": self.explanation.get("outcome")}
            ]
            if previous.explanation.get("outcome") != self.explanation.get("outcome")
            else [],
        }


class Evidence(models.Model):
    """A document an applicant uploads for a criterion: PDF, JPEG or PNG, stored outside the web root."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="evidence")
    criterion = models.CharField(_("criterion"), max_length=64, blank=True)
    description = models.CharField(_("description"), max_length=200, blank=True)
    original_name = models.CharField(_("file name"), max_length=200)
    stored_path = models.CharField(max_length=300)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["criterion", "uploaded_at"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.original_name

    def as_snapshot(self) -> dict[str, object]:
        return {
            "id": self.pk,
            "criterion": self.criterion,
            "description": self.description,
            "file": self.original_name,
            "content_type": self.content_type,
            "size": self.size,
            "sha256": self.sha256,
        }


class CriterionConfirmation(models.Model):
    """A reviewer's confirmation or correction of a declared qualitative input (D9), with the reason."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="confirmations")
    stage = models.ForeignKey(ReviewStage, on_delete=models.PROTECT, related_name="+")
    criterion = models.CharField(_("criterion"), max_length=64)
    field = models.CharField(_("field"), max_length=64)
    declared_value = models.JSONField(_("declared value"), null=True)
    confirmed_value = models.JSONField(_("confirmed value"), null=True)
    reason = models.TextField(_("reason"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["application", "at"]
        verbose_name = _("criterion confirmation")
        verbose_name_plural = _("criterion confirmations")

    def __str__(self) -> str:
        return f"{self.application} · {self.field}"

    @property
    def corrected(self) -> bool:
        return self.declared_value != self.confirmed_value


class SpotCheckDraw(models.Model):
    """A seeded, recorded random draw of applications for on-site spot checks (实地抽查) at a stage."""

    stage = models.ForeignKey(ReviewStage, on_delete=models.PROTECT, related_name="spot_check_draws")
    region = models.ForeignKey(
        "reference.Region", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    seed = models.BigIntegerField(_("seed"))
    population = models.JSONField(_("applications drawn from"))
    sample_size = models.PositiveSmallIntegerField(_("sample size"))
    drawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    drawn_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-drawn_at"]
        verbose_name = _("spot-check draw")
        verbose_name_plural = _("spot-check draws")

    def __str__(self) -> str:
        return f"{self.stage} · {self.drawn_at:%Y-%m-%d}"


class SpotCheck(models.Model):
    """An on-site check of one drawn application, and what the inspectors found."""

    class Result(models.TextChoices):
        CONSISTENT = "consistent", _("Consistent with the declaration")
        MINOR_ISSUES = "minor_issues", _("Minor discrepancies")
        INCONSISTENT = "inconsistent", _("Inconsistent with the declaration")

    draw = models.ForeignKey(SpotCheckDraw, on_delete=models.CASCADE, related_name="checks")
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="spot_checks")
    result = models.CharField(_("result"), max_length=16, choices=Result.choices, blank=True)
    findings = models.TextField(_("findings"), blank=True)
    visited_on = models.DateField(_("visited on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["draw", "application"]
        verbose_name = _("spot check")
        verbose_name_plural = _("spot checks")
        constraints = [
            models.UniqueConstraint(
                fields=["draw", "application"],
                name="one_check_per_draw_application",
                violation_error_message=_("This application is already in the draw."),
            ),
            models.CheckConstraint(
                condition=Q(recorded_at__isnull=True) | (~Q(result="") & ~Q(findings="")),
                name="recorded_check_has_findings",
                violation_error_message=_("A recorded spot check needs a result and findings."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application} · {self.get_result_display() or _('pending')}"


class Expert(models.Model):
    """A member of the expert pool (a user or a plain person): region, fields, conflicts of interest."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="expert"
    )
    name = models.CharField(_("name"), max_length=64)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    email = models.EmailField(_("email"), blank=True)
    region = models.ForeignKey(
        "reference.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("region"),
    )
    fields = models.CharField(_("fields of expertise"), max_length=200, blank=True)
    linked_enterprises = models.ManyToManyField(
        "enterprises.Enterprise",
        blank=True,
        related_name="linked_experts",
        verbose_name=_("linked enterprises (conflicts of interest)"),
    )
    active = models.BooleanField(_("in the pool"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("expert")
        verbose_name_plural = _("experts")

    def __str__(self) -> str:
        return self.name


class ExpertDraw(models.Model):
    """A reproducible random draw of experts for an application (双随机), pool and exclusions recorded."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="expert_draws")
    stage = models.ForeignKey(ReviewStage, on_delete=models.PROTECT, related_name="+")
    seed = models.BigIntegerField(_("seed"))
    pool = models.JSONField(_("pool"))
    excluded = models.JSONField(_("excluded, with reasons"))
    drawn = models.JSONField(_("drawn"))
    drawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    drawn_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-drawn_at"]
        verbose_name = _("expert draw")
        verbose_name_plural = _("expert draws")

    def __str__(self) -> str:
        return f"{self.application} · {self.drawn_at:%Y-%m-%d}"


class ExpertReview(models.Model):
    """One drawn expert's scores on the programme's review form."""

    draw = models.ForeignKey(ExpertDraw, on_delete=models.CASCADE, related_name="reviews")
    expert = models.ForeignKey(Expert, on_delete=models.PROTECT, related_name="reviews")
    scores = models.JSONField(_("scores"), default=dict)
    total = models.DecimalField(_("total"), max_digits=6, decimal_places=2, null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["draw", "expert"]
        verbose_name = _("expert review")
        verbose_name_plural = _("expert reviews")
        constraints = [
            models.UniqueConstraint(
                fields=["draw", "expert"],
                name="one_review_per_draw_expert",
                violation_error_message=_("This expert already reviews this application."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.expert} · {self.draw.application}"


class PublicNotice(models.Model):
    """Public notice period (公示) before an application moves on: who, from when, until when."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="notices")
    stage = models.ForeignKey(ReviewStage, on_delete=models.PROTECT, related_name="notices")
    region = models.ForeignKey(
        "reference.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("region"),
    )
    title = models.CharField(_("title"), max_length=200)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField(auto_now_add=True)
    concluded_at = models.DateTimeField(null=True, blank=True)
    applications = models.ManyToManyField(Application, related_name="notices", through="NoticeEntry")

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("public notice")
        verbose_name_plural = _("public notices")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="notice_ends_after_it_starts",
                violation_error_message=_("A notice ends on or after the day it starts."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def is_running(self, day: dt.date | None = None) -> bool:
        day = day or timezone.localdate()
        return self.concluded_at is None and self.starts_on <= day <= self.ends_on


class NoticeEntry(models.Model):
    """An application listed in a public notice."""

    notice = models.ForeignKey(PublicNotice, on_delete=models.CASCADE, related_name="entries")
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="notice_entries")

    class Meta:
        ordering = ["notice", "application__enterprise__name"]
        verbose_name = _("notice entry")
        verbose_name_plural = _("notice entries")
        constraints = [
            models.UniqueConstraint(
                fields=["notice", "application"],
                name="one_entry_per_notice_application",
                violation_error_message=_("This application is already in the notice."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.notice} · {self.application.enterprise}"


class Objection(models.Model):
    """An objection anyone lodged against an enterprise under notice, and how the reviewer resolved it."""

    entry = models.ForeignKey(NoticeEntry, on_delete=models.CASCADE, related_name="objections")
    name = models.CharField(_("your name"), max_length=64)
    contact = models.CharField(_("phone or email"), max_length=128)
    text = models.TextField(_("objection"), max_length=4000)
    address = models.GenericIPAddressField(null=True, blank=True, db_index=True)
    lodged_at = models.DateTimeField(auto_now_add=True, db_index=True)
    resolution = models.TextField(_("resolution"), blank=True)
    upheld = models.BooleanField(_("upheld"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["lodged_at"]
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        constraints = [
            models.CheckConstraint(
                condition=Q(resolved_at__isnull=True) | (~Q(resolution="") & Q(upheld__isnull=False)),
                name="resolved_objection_has_a_resolution",
                violation_error_message=_("A resolved objection says how and whether it was upheld."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.entry} · {self.lodged_at:%Y-%m-%d}"


class RecognitionBatch(models.Model):
    """A batch decision recognising the passed applications of a programme (one published list)."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="batches")
    region = models.ForeignKey(
        "reference.Region", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_on = models.DateField(_("decided on"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decided_on", "-pk"]
        verbose_name = _("recognition batch")
        verbose_name_plural = _("recognition batches")

    def __str__(self) -> str:
        return self.title


class RevocationCause(models.TextChoices):
    """Causes of cancelling a title (§5.3); those marked in BLOCKING_CAUSES bar reapplying for three years."""

    SAFETY_INCIDENT = "safety_incident", _("Major safety incident (incl. cyber and data security)")
    QUALITY_INCIDENT = "quality_incident", _("Major quality incident")
    ENVIRONMENTAL_INCIDENT = "environmental_incident", _("Major environmental-pollution incident")
    SERIOUS_DISHONESTY = "serious_dishonesty", _("Serious dishonesty")
    TAX_EVASION = "tax_evasion", _("Tax evasion or other violations")
    DATA_FALSIFICATION = "data_falsification", _("Data falsification")
    REPORT_CONFIRMED = "report_confirmed", _("A named report about its information was confirmed")
    NO_LONGER_ELIGIBLE = "no_longer_eligible", _("No longer eligible after a reported change")
    CHANGE_NOT_REPORTED = "change_not_reported", _("A major change was not reported within three months")


BLOCKING_CAUSES = frozenset(
    {
        RevocationCause.SAFETY_INCIDENT,
        RevocationCause.QUALITY_INCIDENT,
        RevocationCause.ENVIRONMENTAL_INCIDENT,
        RevocationCause.SERIOUS_DISHONESTY,
        RevocationCause.TAX_EVASION,
        RevocationCause.DATA_FALSIFICATION,
    }
)


class RecognitionQuerySet(models.QuerySet["Recognition"]):
    def for_user(self, user: User) -> RecognitionQuerySet:
        """Recognitions of the enterprises this user may see."""
        return self.filter(enterprise_scope(user, prefix="enterprise__"))

    def valid_on(self, day: dt.date) -> RecognitionQuerySet:
        return self.filter(revoked_at__isnull=True, valid_from__lte=day, valid_until__gte=day)


class Recognition(models.Model):
    """A title held by an enterprise for three years, with its certificate's verification code."""

    application = models.OneToOneField(Application, on_delete=models.PROTECT, related_name="recognition")
    enterprise = models.ForeignKey(
        "enterprises.Enterprise", on_delete=models.PROTECT, related_name="recognitions"
    )
    batch = models.ForeignKey(RecognitionBatch, on_delete=models.PROTECT, related_name="recognitions")
    tier = models.CharField(_("tier"), max_length=20, choices=Tier.choices)
    renews = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="renewals",
        verbose_name=_("renews"),
    )
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    certificate_code = models.CharField(_("verification code"), max_length=16, unique=True)
    review_eligible = models.BooleanField(_("eligible for review at expiry"), default=True)
    eligibility_note = models.CharField(_("why not eligible for review"), max_length=200, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revocation_cause = models.CharField(
        _("revocation cause"), max_length=24, choices=RevocationCause.choices, blank=True
    )
    revocation_comment = models.TextField(_("revocation comment"), blank=True)
    reapply_blocked_until = models.DateField(_("may not reapply before"), null=True, blank=True)

    objects = RecognitionQuerySet.as_manager()

    class Meta:
        ordering = ["-valid_from", "enterprise__name"]
        verbose_name = _("recognition")
        verbose_name_plural = _("recognitions")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__gt=models.F("valid_from")),
                name="recognition_ends_after_it_starts",
                violation_error_message=_("A recognition ends after it starts."),
            ),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | ~Q(revocation_cause=""),
                name="revocation_has_a_cause",
                violation_error_message=_("A revocation needs a cause."),
            ),
        ]
        indexes = [models.Index(fields=["batch", "enterprise"], name="recognition_batch_enterprise")]

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.get_tier_display()}"

    def state(self, day: dt.date | None = None) -> str:
        day = day or timezone.localdate()
        if self.revoked_at:
            return "revoked"
        if day > self.valid_until:
            return "expired"
        return "valid"


class AnnualUpdate(models.Model):
    """The enterprise's yearly data update for a recognition (due by 30 April)."""

    recognition = models.ForeignKey(Recognition, on_delete=models.CASCADE, related_name="annual_updates")
    year = models.PositiveSmallIntegerField(_("year"))
    filing = models.ForeignKey("enterprises.AnnualFiling", on_delete=models.PROTECT, related_name="+")
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    confirmed_at = models.DateTimeField(auto_now_add=True)
    late = models.BooleanField(_("late"), default=False)

    class Meta:
        ordering = ["recognition", "-year"]
        verbose_name = _("annual update")
        verbose_name_plural = _("annual updates")
        constraints = [
            models.UniqueConstraint(
                fields=["recognition", "year"],
                name="one_annual_update_per_year",
                violation_error_message=_("The data for this year is already updated."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.recognition} · {self.year}"


class ChangeKind(models.TextChoices):
    RENAME = "rename", _("Rename")
    MERGER = "merger", _("Merger")
    RESTRUCTURING = "restructuring", _("Restructuring")
    RELOCATION = "relocation", _("Cross-province relocation")
    OVERSEAS_BRANCH = "overseas_branch", _("Overseas branch")
    OTHER = "other", _("Other major change")


class ChangeReport(models.Model):
    """A major change a recognised enterprise reports (due within 3 months), and the reviewer's verdict."""

    recognition = models.ForeignKey(Recognition, on_delete=models.CASCADE, related_name="change_reports")
    kind = models.CharField(_("change"), max_length=20, choices=ChangeKind.choices)
    occurred_on = models.DateField(_("date of the change"))
    description = models.TextField(_("description"))
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reported_at = models.DateTimeField(auto_now_add=True)
    late = models.BooleanField(_("reported late"), default=False)
    still_eligible = models.BooleanField(_("still eligible"), null=True, blank=True)
    assessment = models.TextField(_("assessment"), blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    assessed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-reported_at"]
        verbose_name = _("change report")
        verbose_name_plural = _("change reports")

    def __str__(self) -> str:
        return f"{self.recognition.enterprise} · {self.get_kind_display()}"


class Event(models.Model):
    """One entry of the event log: who, in which role and region, moved what from which state to which."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, null=True, blank=True, related_name="events"
    )
    recognition = models.ForeignKey(
        Recognition, on_delete=models.CASCADE, null=True, blank=True, related_name="events"
    )
    notice = models.ForeignKey(
        PublicNotice, on_delete=models.CASCADE, null=True, blank=True, related_name="events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    role = models.CharField(_("role"), max_length=64)
    region = models.CharField(_("region"), max_length=6, blank=True)
    action = models.CharField(_("action"), max_length=32)
    from_state = models.CharField(_("from"), max_length=64, blank=True)
    to_state = models.CharField(_("to"), max_length=64, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self) -> str:
        return f"{self.action}: {self.from_state} → {self.to_state}"
