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

from littlegiant.accounts.jurisdiction import NOTHING, at_reviewer_levels, region_scope, sees_everywhere
from littlegiant.accounts.models import ReviewLevel
from littlegiant.audit import AuditEvent
from littlegiant.clusters.models import county_authority_scope
from littlegiant.enterprises.permissions import EVERY_MEMBER, enterprise_scope
from littlegiant.model_fields import (
    optional_foreign_key,
    optional_person_field,
    unknown_decimal_field,
    unknown_flag_field,
)
from littlegiant.permissions import is_signed_in
from littlegiant.rules import PackNotFound, registry

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
    # A programme of this tier recognises distinctive industrial clusters of SMEs (criteria.md §8), not
    # enterprises: its applications and titles name a cluster.
    SME_CLUSTER = "sme_cluster", _("Distinctive industrial cluster of SMEs")


CLUSTER_PACK_ID = "cn.miit.sme-cluster.2022"


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
    # How many applications each province may recommend past its stage (cluster round: at most 8, §8.2);
    # empty, no quota. A region named in `quotas` (a city with independent planning status) recommends on its own
    # quota and its applications do not count against its province's.
    recommendation_quota = models.PositiveSmallIntegerField(
        _("recommendations per province"), null=True, blank=True
    )
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

    @property
    def for_clusters(self) -> bool:
        return self.tier == Tier.SME_CLUSTER

    def resolved_pack_id(self) -> str:
        if self.tier == Tier.SME_CLUSTER:
            return CLUSTER_PACK_ID
        return registry.resolve(self.tier, self.applications_open_on, self.kind).id

    def clean(self) -> None:
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


class RecommendationQuota(models.Model):
    """A recommending unit with its own quota in a programme: a city with independent planning status (计划单列市,
    at most 2 clusters, §8.2), recommending apart from its province."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="quotas")
    region = models.ForeignKey(
        "reference.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("recommending region")
    )
    quota = models.PositiveSmallIntegerField(_("recommendations"))

    class Meta:
        ordering = ["programme", "region"]
        verbose_name = _("recommendation quota")
        verbose_name_plural = _("recommendation quotas")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "region"],
                name="one_quota_per_programme_region",
                violation_error_message=_("This region already has a quota in the programme."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.programme} · {self.region} · {self.quota}"


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
    # Calendar days: criteria.md states no notice length nor how it is counted, so the programme's own notice
    # sets the number and nothing here turns it into working days.
    notice_days = models.PositiveSmallIntegerField(
        _("notice length in days"),
        default=5,
        help_text=_("Calendar days, including the first day, as the programme's notice sets them."),
    )
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


class ApplicationAction(models.TextChoices):
    """The moves that change an application's status; `TRANSITIONS` says from which status each is made."""

    SUBMIT = "submit", _("Submit")
    RESUBMIT = "resubmit", _("Resubmit after correction")
    PASS_TO_NOTICE = "pass_to_notice", _("Pass the stage, to await public notice")
    NEXT_STAGE = "next_stage", _("Move on to the next review stage")
    COMPLETE_REVIEW = "complete_review", _("Complete the review, to await recognition")
    PUBLISH_NOTICE = "publish_notice", _("Publish for public notice")
    RETURN = "return", _("Return for correction")
    REJECT = "reject", _("Reject")
    RECOGNISE = "recognise", _("Recognise")


_S, _A = ApplicationStatus, ApplicationAction

# The application's status graph, whole: (status, action) → the status it leads to. Every service moves an
# application through `transition_target` and nothing else, so a move missing here cannot happen.
TRANSITIONS: dict[tuple[str, str], str] = {
    (_S.DRAFT, _A.SUBMIT): _S.IN_REVIEW,
    (_S.RETURNED, _A.RESUBMIT): _S.IN_REVIEW,
    # A stage with a public notice holds its passed applications until the notice is published.
    (_S.IN_REVIEW, _A.PASS_TO_NOTICE): _S.STAGE_PASSED,
    (_S.STAGE_PASSED, _A.PUBLISH_NOTICE): _S.ON_NOTICE,
    # Leaving a stage: directly (no notice) or when its notice concludes; after the last stage, passed.
    (_S.IN_REVIEW, _A.NEXT_STAGE): _S.IN_REVIEW,
    (_S.ON_NOTICE, _A.NEXT_STAGE): _S.IN_REVIEW,
    (_S.IN_REVIEW, _A.COMPLETE_REVIEW): _S.PASSED,
    (_S.ON_NOTICE, _A.COMPLETE_REVIEW): _S.PASSED,
    # A passed application is not returned: it awaits recognition, or it is rejected.
    (_S.IN_REVIEW, _A.RETURN): _S.RETURNED,
    (_S.STAGE_PASSED, _A.RETURN): _S.RETURNED,
    (_S.ON_NOTICE, _A.RETURN): _S.RETURNED,
    (_S.IN_REVIEW, _A.REJECT): _S.REJECTED,
    (_S.STAGE_PASSED, _A.REJECT): _S.REJECTED,
    (_S.ON_NOTICE, _A.REJECT): _S.REJECTED,
    (_S.PASSED, _A.REJECT): _S.REJECTED,
    (_S.PASSED, _A.RECOGNISE): _S.RECOGNISED,
}


def transition_target(status: str, action: str) -> str | None:
    """The status this action leads to from `status`, or None when the graph has no such edge."""
    return TRANSITIONS.get((status, action))


# The statuses an application waits in for a reviewer (the queue's default filter): those a reviewer may
# still reject it from, read off the graph.
AWAITING_REVIEW = [
    status for status in ApplicationStatus if (status, ApplicationAction.REJECT) in TRANSITIONS
]


def _jurisdiction_or_membership(user: User, *, region_field: str, enterprise_field: str) -> Q | None:
    """Rows whose region lies in the user's reviewer jurisdiction, or of the enterprises the user is a member
    of; None when the user sees every row (an administrator or a national reviewer)."""
    if sees_everywhere(user):
        return None
    if not is_signed_in(user):
        return NOTHING
    members = enterprise_scope(user, prefix=f"{enterprise_field}__", roles=EVERY_MEMBER)
    return region_scope(user, region_field=region_field) | members


class ApplicationQuerySet(models.QuerySet["Application"]):
    def for_user(self, user: User) -> ApplicationQuerySet:
        """Applications this user may see: their enterprises', their jurisdiction's, or theirs to score."""
        scope = _jurisdiction_or_membership(user, region_field="region", enterprise_field="enterprise")
        if scope is None:
            return self.all()
        scope |= county_authority_scope(user, county_field="cluster__county")
        if user.is_authenticated:
            assigned = ExpertReview.objects.filter(expert__user=user).values("draw__application_id")
            scope |= Q(pk__in=assigned)
        return self.filter(scope)

    def at_stages_of(self, user: User) -> ApplicationQuerySet:
        """Applications whose current stage this reviewer acts at: their level, inside their region."""
        # Read from the application's own copies of the stage level and region path, so that the queue's
        # indexes apply; `for_user()` checks the same fixed region through its foreign key.
        return self.filter(
            at_reviewer_levels(user, level_field="stage_level", region_path_field="region_path")
        )


class Application(models.Model):
    """An enterprise's declaration for a programme, from draft through the review stages to a decision."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="applications")
    # The subject: an enterprise (with its filing) or, in a cluster programme, a cluster (exactly one).
    enterprise = optional_foreign_key("enterprises.Enterprise", related_name="applications")
    filing = optional_foreign_key(
        "enterprises.AnnualFiling", related_name="applications", verbose_name=_("filing")
    )
    cluster = optional_foreign_key("clusters.Cluster", related_name="applications", verbose_name=_("cluster"))
    # When the stage with the programme's quota recommended it (counted against the quota, §8.2).
    recommended_at = models.DateTimeField(_("recommended at"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT
    )
    current_stage = optional_foreign_key(
        ReviewStage, related_name="applications", verbose_name=_("current stage")
    )
    # Bumped by every transition: a decision taken on a page opened before another one is refused.
    version = models.PositiveIntegerField(default=0)
    outcome = models.CharField(_("self-assessment outcome"), max_length=24, blank=True)
    score = models.PositiveSmallIntegerField(_("self-assessment score"), null=True, blank=True)
    pledge_signed_at = models.DateTimeField(_("pledge signed at"), null=True, blank=True)
    pledge_signed_by = optional_person_field()
    return_note = models.TextField(_("what to correct"), blank=True)
    rejection_reason = models.CharField(
        _("rejection reason"), max_length=24, choices=RejectionReason.choices, blank=True
    )
    rejection_comment = models.TextField(_("rejection comment"), blank=True)
    reviewed_explanation = models.JSONField(
        _("explanation after reviewers' confirmations"), null=True, blank=True
    )
    override_reason = models.TextField(
        _("why it was passed although its assessment does not qualify"), blank=True
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    # The jurisdiction the application is reviewed in: the enterprise's region until it is submitted, then fixed,
    # so that an enterprise that moves (or is moved by an edit) cannot take a submitted application away from
    # its reviewers. Every scope and decision reads this, never the enterprise's live region.
    region = optional_foreign_key(
        "reference.Region", related_name="+", editable=False, verbose_name=_("jurisdiction")
    )
    # Copies of the current stage's level and the region's path, kept by save(): the review queue filters on
    # them through its own indexes instead of joining the stage and the region.
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
            models.UniqueConstraint(
                fields=["programme", "cluster"],
                name="one_application_per_programme_cluster",
                violation_error_message=_("This cluster has already applied to this programme."),
            ),
            models.CheckConstraint(
                condition=(Q(enterprise__isnull=False, filing__isnull=False, cluster__isnull=True))
                | Q(enterprise__isnull=True, filing__isnull=True, cluster__isnull=False),
                name="application_has_one_subject",
                violation_error_message=_(
                    "An application is an enterprise's (with its filing) or a cluster's."
                ),
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
        return f"{self.subject} · {self.programme}"

    def save(self, *args: object, **kwargs: object) -> None:
        update_fields = kwargs.get("update_fields")
        if update_fields is None or {"current_stage", "enterprise", "status"} & set(update_fields):
            self.stage_level = self.current_stage.level if self.current_stage_id else ""
            if self.status == ApplicationStatus.DRAFT or self.region_id is None:
                self.region = self.cluster.county if self.cluster_id else self.enterprise.region
            self.region_path = self.region.path
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "stage_level", "region", "region_path"}
        super().save(*args, **kwargs)

    @property
    def subject(self) -> object:
        """The enterprise or the cluster applying."""
        return self.cluster if self.cluster_id else self.enterprise

    @property
    def subject_place(self) -> object:
        """Where the subject is: the enterprise's registered region, or the cluster's county."""
        return self.cluster.county if self.cluster_id else self.enterprise.region

    @property
    def subject_code(self) -> str:
        """The enterprise's credit code; a cluster has none (empty)."""
        return "" if self.cluster_id else self.enterprise.credit_code

    @property
    def subject_industry(self) -> object:
        """The enterprise's industry class, or the cluster's main industry."""
        return self.cluster.main_industry if self.cluster_id else self.enterprise.industry

    @property
    def qualifies(self) -> bool | None:
        """Whether its (reviewed) assessment qualifies; None before submission or when the data cannot say."""
        if not self.outcome:
            return None
        if self.outcome == "qualified":
            return True
        if self.outcome == "insufficient_data":
            return None
        return False

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


class RecordedDraw(models.Model):
    """A random draw (abstract) kept with its seed, who drew and when, so that anyone can draw it again and get
    the same result; subclasses keep what was drawn from and what came out."""

    seed = models.BigIntegerField(_("seed"))
    drawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    drawn_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["-drawn_at"]


class SpotCheckDraw(RecordedDraw):
    """A seeded, recorded random draw of applications for on-site spot checks (实地抽查) at a stage."""

    stage = models.ForeignKey(ReviewStage, on_delete=models.PROTECT, related_name="spot_check_draws")
    region = optional_foreign_key("reference.Region", related_name="+")
    population = models.JSONField(_("applications drawn from"))
    sample_size = models.PositiveSmallIntegerField(_("sample size"))

    class Meta(RecordedDraw.Meta):
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
    recorded_by = optional_person_field()
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
    region = optional_foreign_key("reference.Region", related_name="+", verbose_name=_("region"))
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


class ExpertDraw(RecordedDraw):
    """A reproducible random draw of experts for an application (双随机), pool and exclusions recorded."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="expert_draws")
    stage = models.ForeignKey(ReviewStage, on_delete=models.PROTECT, related_name="+")
    pool = models.JSONField(_("pool"))
    excluded = models.JSONField(_("excluded, with reasons"))
    drawn = models.JSONField(_("drawn"))

    class Meta(RecordedDraw.Meta):
        verbose_name = _("expert draw")
        verbose_name_plural = _("expert draws")

    def __str__(self) -> str:
        return f"{self.application} · {self.drawn_at:%Y-%m-%d}"


class ExpertReview(models.Model):
    """One drawn expert's scores on the programme's review form."""

    draw = models.ForeignKey(ExpertDraw, on_delete=models.CASCADE, related_name="reviews")
    expert = models.ForeignKey(Expert, on_delete=models.PROTECT, related_name="reviews")
    scores = models.JSONField(_("scores"), default=dict)
    total = unknown_decimal_field(_("total"), max_digits=6, decimal_places=2)
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
    region = optional_foreign_key("reference.Region", related_name="+", verbose_name=_("region"))
    title = models.CharField(_("title"), max_length=200)
    number = models.CharField(_("notice number"), max_length=64, blank=True)
    issuer = models.CharField(_("issuing body"), max_length=200, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=64, blank=True)
    objection_address = models.CharField(_("address for objections"), max_length=300, blank=True)
    body = models.TextField(_("notice text"), blank=True)
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
    # Given to the objector to follow the objection up on the public status page; unguessable, so that the
    # page shows a status only to whoever holds the number.
    reference = models.CharField(_("reference number"), max_length=16, unique=True, null=True, blank=True)
    name = models.CharField(_("your name"), max_length=64)
    contact = models.CharField(_("phone or email"), max_length=128)
    text = models.TextField(_("objection"), max_length=4000)
    address = models.GenericIPAddressField(null=True, blank=True, db_index=True)
    lodged_at = models.DateTimeField(auto_now_add=True, db_index=True)
    resolution = models.TextField(_("resolution"), blank=True)
    upheld = unknown_flag_field(_("upheld"))
    resolved_by = optional_person_field()
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
    region = optional_foreign_key("reference.Region", related_name="+")
    title = models.CharField(_("title"), max_length=200)
    number = models.CharField(_("decision number"), max_length=64, blank=True)
    issuer = models.CharField(_("issuing body"), max_length=200, blank=True)
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


class RecognitionState(models.TextChoices):
    """Where a title stands on a day."""

    VALID = "valid", _("Valid")
    EXPIRED = "expired", _("Expired")
    REVOKED = "revoked", _("Revoked")


class RecognitionQuerySet(models.QuerySet["Recognition"]):
    def for_user(self, user: User) -> RecognitionQuerySet:
        """Recognitions in the user's jurisdiction (the application's, fixed at submission) or of their
        enterprises."""
        scope = _jurisdiction_or_membership(
            user, region_field="application__region", enterprise_field="enterprise"
        )
        if scope is None:
            return self.all()
        return self.filter(scope | county_authority_scope(user, county_field="cluster__county"))

    def valid_on(self, day: dt.date) -> RecognitionQuerySet:
        return self.filter(revoked_at__isnull=True, valid_from__lte=day, valid_until__gte=day)


class Recognition(models.Model):
    """A title held by an enterprise for three years, with its certificate's verification code."""

    application = models.OneToOneField(Application, on_delete=models.PROTECT, related_name="recognition")
    # The holder: the application's subject, an enterprise or a cluster.
    enterprise = optional_foreign_key("enterprises.Enterprise", related_name="recognitions")
    cluster = optional_foreign_key("clusters.Cluster", related_name="recognitions")
    batch = models.ForeignKey(RecognitionBatch, on_delete=models.PROTECT, related_name="recognitions")
    # The name and credit code the title was granted under: the certificate and its verification show these,
    # so that renaming the enterprise afterwards cannot make a certificate vouch for another name.
    enterprise_name = models.CharField(_("enterprise name as granted"), max_length=200, blank=True)
    credit_code = models.CharField(_("credit code as granted"), max_length=18, blank=True)
    certificate_number = models.CharField(
        _("certificate number"), max_length=40, unique=True, null=True, blank=True
    )
    tier = models.CharField(_("tier"), max_length=20, choices=Tier.choices)
    renews = optional_foreign_key("self", related_name="renewals", verbose_name=_("renews"))
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
                condition=Q(enterprise__isnull=False, cluster__isnull=True)
                | Q(enterprise__isnull=True, cluster__isnull=False),
                name="recognition_has_one_holder",
                violation_error_message=_("A title is held by an enterprise or by a cluster."),
            ),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | ~Q(revocation_cause=""),
                name="revocation_has_a_cause",
                violation_error_message=_("A revocation needs a cause."),
            ),
        ]
        indexes = [models.Index(fields=["batch", "enterprise"], name="recognition_batch_enterprise")]

    def __str__(self) -> str:
        return f"{self.cluster if self.cluster_id else self.enterprise} · {self.get_tier_display()}"

    @property
    def holder(self) -> object:
        """The enterprise or the cluster holding the title."""
        return self.cluster if self.cluster_id else self.enterprise

    @property
    def holder_place(self) -> object:
        """Where the holder is: the enterprise's registered region, or the cluster's county."""
        return self.cluster.county if self.cluster_id else self.enterprise.region

    @property
    def holder_name(self) -> str:
        """The name the title was granted under (a cluster's name when a cluster holds it)."""
        return self.enterprise_name or str(getattr(self.holder, "name", ""))

    @property
    def holder_identity_zh(self) -> str:
        """The line under the name on the certificate and in the decision: an enterprise's credit code as
        granted, or the county a cluster lies in (a cluster has no credit code, criteria.md §8.2)."""
        if self.cluster_id:
            return f"所在县级行政区：{self.cluster.county.name}"
        return f"统一社会信用代码：{self.credit_code}"

    def state(self, day: dt.date | None = None) -> str:
        """Valid, expired or revoked on that day (today by default)."""
        day = day or timezone.localdate()
        if self.revoked_at:
            return RecognitionState.REVOKED
        if day > self.valid_until:
            return RecognitionState.EXPIRED
        return RecognitionState.VALID


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
    still_eligible = unknown_flag_field(_("still eligible"))
    assessment = models.TextField(_("assessment"), blank=True)
    assessed_by = optional_person_field()
    assessed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-reported_at"]
        verbose_name = _("change report")
        verbose_name_plural = _("change reports")

    def __str__(self) -> str:
        return f"{self.recognition.enterprise} · {self.get_kind_display()}"


class Event(AuditEvent):
    """One entry of the recognition trail (the platform's audit-event base): about an application, a title or a
    notice."""

    application = optional_foreign_key(Application, related_name="events", on_delete=models.CASCADE)
    recognition = optional_foreign_key(Recognition, related_name="events", on_delete=models.CASCADE)
    notice = optional_foreign_key(PublicNotice, related_name="events", on_delete=models.CASCADE)

    class Meta(AuditEvent.Meta):
        verbose_name = _("event")
        verbose_name_plural = _("events")
