"""The public service network for SMEs (中小企业公共服务体系): institutions, catalogue, requests, ratings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from littlegiant.accounts.jurisdiction import is_administrator, region_scope, reviewer_region_paths
from littlegiant.audit import AuditEvent
from littlegiant.enterprises.models import Membership
from littlegiant.enterprises.permissions import MembershipRole
from littlegiant.model_fields import optional_foreign_key, unknown_count_field, unknown_flag_field
from littlegiant.permissions import is_signed_in
from littlegiant.reference.constraints import region_matches_level
from littlegiant.reference.models import REGION_LEVEL_OF, GovernmentLevel
from littlegiant.timestamps import Timestamped

if TYPE_CHECKING:
    from littlegiant.accounts.models import User


InstitutionLevel = GovernmentLevel  # the level of government an institution serves at


# Routing goes from the nearest level up: county first, national last.
LEVEL_RANK = {
    InstitutionLevel.COUNTY: 1,
    InstitutionLevel.MUNICIPAL: 2,
    InstitutionLevel.PROVINCIAL: 3,
    InstitutionLevel.NATIONAL: 4,
}


class InstitutionKind(models.TextChoices):
    ONE_STOP = "one_stop", _("One-stop (comprehensive)")
    SPECIALISED = "specialised", _("Specialised")


class ServiceCategory(models.TextChoices):
    """What an SME can ask the network for."""

    POLICY = "policy", _("Policy consultation")
    IP = "ip", _("Intellectual-property protection")
    FINANCING = "financing", _("Investment and financing")
    TECHNICAL = "technical", _("Technical assistance and testing")
    TALENT = "talent", _("Talent recruitment and training")
    DIGITAL = "digital", _("Digital transformation")
    MARKET = "market", _("Market expansion")
    MANAGEMENT = "management", _("Management consulting")
    LEGAL = "legal", _("Legal services")


class DemonstrationStatus(models.TextChoices):
    """Recognition as a demonstration platform (中小企业公共服务示范平台)."""

    NONE = "none", _("Not a demonstration platform")
    PROVINCIAL = "provincial", _("Provincial demonstration platform")
    NATIONAL = "national", _("National demonstration platform")


class ServiceInstitutionQuerySet(models.QuerySet["ServiceInstitution"]):
    def for_user(self, user: User) -> ServiceInstitutionQuerySet:
        """Institutions whose scorecards the user may see: their own as staff, their region as reviewer."""
        if not is_signed_in(user):
            return self.none()
        if is_administrator(user) or reviewer_region_paths(user) is None:
            return self.all()
        mine = InstitutionStaff.objects.filter(user=user).values("institution_id")
        return self.filter(region_scope(user, region_field="region") | Q(pk__in=mine))


class ServiceInstitution(models.Model):
    """A public service institution for SMEs at one level (national, provincial, municipal or county)."""

    name = models.CharField(_("name"), max_length=200, db_index=True)
    level = models.CharField(_("level"), max_length=16, choices=InstitutionLevel.choices, db_index=True)
    region = optional_foreign_key(
        "reference.Region",
        related_name="service_institutions",
        verbose_name=_("region"),
        help_text=_(
            "The province, prefecture-level city or county the institution serves; empty for national."
        ),
    )
    kind = models.CharField(
        _("kind"), max_length=16, choices=InstitutionKind.choices, default=InstitutionKind.ONE_STOP
    )
    capacity = models.PositiveIntegerField(
        _("capacity (requests a month)"),
        default=20,
        validators=[MinValueValidator(1)],
        help_text=_("How many new requests the institution can take on in a month."),
    )
    contact_name = models.CharField(_("contact person"), max_length=64, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    email = models.EmailField(_("email"), blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    demonstration = models.CharField(
        _("demonstration platform"),
        max_length=16,
        choices=DemonstrationStatus.choices,
        default=DemonstrationStatus.NONE,
    )
    parent = optional_foreign_key(
        "self",
        related_name="children",
        verbose_name=_("parent institution"),
        help_text=_("Where requests are referred upward."),
    )
    first_response_hours = models.PositiveIntegerField(
        _("first response within (hours)"),
        default=72,
        validators=[MinValueValidator(1)],
        help_text=_("Service level: a routed request unanswered for longer escalates to the next level up."),
    )
    resolution_days = models.PositiveIntegerField(
        _("resolution within (days)"),
        default=30,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Service level: an accepted request still open after this escalates to the next level up."
        ),
    )
    is_active = models.BooleanField(_("active"), default=True)
    # Generated for the demo and the national roll-up: the UI says so wherever such institutions are counted.
    is_synthetic = models.BooleanField(_("synthetic (demo data)"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ServiceInstitutionQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("service institution")
        verbose_name_plural = _("service institutions")
        indexes = [models.Index(fields=["level", "region"], name="institution_level_region")]
        constraints = [
            region_matches_level(
                name="institution_region_matches_level",
                message=_("A national institution has no region; every other institution needs one."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def rank(self) -> int:
        return LEVEL_RANK[InstitutionLevel(self.level)]

    def clean(self) -> None:
        errors: dict[str, str] = {}
        expected = REGION_LEVEL_OF.get(InstitutionLevel(self.level)) if self.level else None
        if self.level == InstitutionLevel.NATIONAL and self.region_id:
            errors["region"] = _("A national institution serves the whole country: leave the region empty.")
        elif expected and self.region_id and self.region.level != expected:
            errors["region"] = _(
                "A %(level)s institution must be attached to a %(region_level)s, not to %(region)s."
            ) % {
                "level": self.get_level_display(),
                "region_level": expected,
                "region": self.region,
            }
        if self.parent_id:
            if self.parent_id == self.pk:
                errors["parent"] = _("An institution cannot be its own parent.")
            elif self.level and self.parent.rank <= self.rank:
                errors["parent"] = _("The parent institution must be at a higher level than this one.")
            elif (
                self.parent.region_id
                and self.region_id
                and not self.region.path.startswith(self.parent.region.path)
            ):
                errors["parent"] = _("The parent institution must serve a region that contains this one.")
        if errors:
            raise ValidationError(errors)


class InstitutionCategory(models.Model):
    """A service category an institution serves: what routing matches a request's category against."""

    institution = models.ForeignKey(ServiceInstitution, on_delete=models.CASCADE, related_name="categories")
    category = models.CharField(_("category"), max_length=16, choices=ServiceCategory.choices)

    class Meta:
        verbose_name = _("category served")
        verbose_name_plural = _("categories served")
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "category"],
                name="one_row_per_institution_category",
                violation_error_message=_("The institution already serves this category."),
            )
        ]
        indexes = [models.Index(fields=["category", "institution"], name="category_institution")]

    def __str__(self) -> str:
        return f"{self.institution} · {self.get_category_display()}"


class StaffRole(models.TextChoices):
    MANAGER = "manager", _("Manager")
    COUNSELLOR = "counsellor", _("Counsellor")


class InstitutionStaff(models.Model):
    """A person at an institution: a counsellor handles requests, a manager also keeps the catalogue."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="institution_roles"
    )
    institution = models.ForeignKey(ServiceInstitution, on_delete=models.CASCADE, related_name="staff")
    role = models.CharField(_("role"), max_length=16, choices=StaffRole.choices, default=StaffRole.COUNSELLOR)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("institution staff member")
        verbose_name_plural = _("institution staff")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "institution"],
                name="one_staff_role_per_user_institution",
                violation_error_message=_("This person already works at this institution."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.institution} · {self.get_role_display()}"


class FeeBasis(models.TextChoices):
    FREE = "free", _("Free")
    FEE = "fee", _("Fee-based")


class DeliveryMode(models.TextChoices):
    ON_SITE = "on_site", _("On site")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("On site and online")


class ServiceOfferingQuerySet(models.QuerySet["ServiceOffering"]):
    def for_user(self, user: User) -> ServiceOfferingQuerySet:
        """The public catalogue: every signed-in person may browse active offerings of active institutions."""
        if not is_signed_in(user):
            return self.none()
        return self.filter(is_active=True, institution__is_active=True)


class ServiceOffering(Timestamped):
    """A service an institution publishes in the catalogue (服务产品): what, at what cost, how delivered."""

    institution = models.ForeignKey(ServiceInstitution, on_delete=models.CASCADE, related_name="offerings")
    category = models.CharField(_("category"), max_length=16, choices=ServiceCategory.choices)
    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("description"))
    fee = models.CharField(_("fee"), max_length=8, choices=FeeBasis.choices, default=FeeBasis.FREE)
    delivery = models.CharField(
        _("delivery mode"), max_length=16, choices=DeliveryMode.choices, default=DeliveryMode.HYBRID
    )
    is_active = models.BooleanField(_("published"), default=True)

    objects = ServiceOfferingQuerySet.as_manager()

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("service offering")
        verbose_name_plural = _("service offerings")
        indexes = [models.Index(fields=["category", "institution"], name="offering_category_institution")]

    def __str__(self) -> str:
        return self.title


class Urgency(models.TextChoices):
    LOW = "low", _("Low")
    NORMAL = "normal", _("Normal")
    URGENT = "urgent", _("Urgent")


class RequestStatus(models.TextChoices):
    """Where a service request stands."""

    ROUTED = "routed", _("Awaiting the institution's answer")
    ACCEPTED = "accepted", _("Accepted, in progress")
    CLOSED = "closed", _("Closed")
    UNROUTED = "unrouted", _("No institution available")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_STATUSES = (RequestStatus.ROUTED, RequestStatus.ACCEPTED, RequestStatus.UNROUTED)


class ServiceRequestQuerySet(models.QuerySet["ServiceRequest"]):
    def for_user(self, user: User) -> ServiceRequestQuerySet:
        """Requests the user may see: their enterprise's, their institution's current ones, their region's."""
        if not is_signed_in(user):
            return self.none()
        if is_administrator(user):
            return self.all()
        # Subqueries rather than joins, so that a request is never repeated for several roles.
        mine = Membership.objects.filter(user=user).values("enterprise_id")
        staffed = InstitutionStaff.objects.filter(user=user).values("institution_id")
        # The comprehensive centre of a city follows every request routed inside its city (UX review, defect 4).
        centre_paths = InstitutionStaff.objects.filter(
            user=user,
            institution__level=InstitutionLevel.MUNICIPAL,
            institution__kind=InstitutionKind.ONE_STOP,
            institution__region__isnull=False,
        ).values_list("institution__region__path", flat=True)
        in_city = Q(pk__in=[])
        for path in centre_paths:
            in_city |= Q(institution__region__path__startswith=path)
        return self.filter(
            Q(enterprise_id__in=mine)
            | Q(institution_id__in=staffed)
            | in_city
            | region_scope(user, region_field="enterprise__region")
        )


class ServiceRequest(models.Model):
    """An enterprise's request for help (服务需求), routed through the network from the nearest level up."""

    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        on_delete=models.PROTECT,
        related_name="service_requests",
        verbose_name=_("enterprise"),
    )
    category = models.CharField(_("category"), max_length=16, choices=ServiceCategory.choices)
    offering = optional_foreign_key(
        ServiceOffering,
        related_name="requests",
        on_delete=models.SET_NULL,
        verbose_name=_("catalogue offering"),
    )
    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("description"))
    urgency = models.CharField(_("urgency"), max_length=8, choices=Urgency.choices, default=Urgency.NORMAL)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="service_requests_filed",
        verbose_name=_("filed by"),
    )
    filed_at = models.DateTimeField(_("filed at"), db_index=True)
    status = models.CharField(_("status"), max_length=16, choices=RequestStatus.choices, db_index=True)
    institution = optional_foreign_key(
        ServiceInstitution, related_name="requests", verbose_name=_("current institution")
    )
    # Service-level deadlines are stored when they start, so the escalation sweep is one indexed query.
    respond_by = models.DateTimeField(_("answer due"), null=True, blank=True)
    resolve_by = models.DateTimeField(_("resolution due"), null=True, blank=True)
    first_response_at = models.DateTimeField(_("first accepted at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    resolution = models.TextField(_("resolution"), blank=True)
    free_of_charge = unknown_flag_field(_("served free of charge"))
    escalations = models.PositiveSmallIntegerField(_("escalations"), default=0)

    objects = ServiceRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-filed_at", "-pk"]
        verbose_name = _("service request")
        verbose_name_plural = _("service requests")
        indexes = [
            models.Index(fields=["institution", "status"], name="request_institution_status"),
            # Covers the scorecard's closed, free, open and overdue counts for a page of institutions.
            models.Index(
                fields=["institution", "status", "free_of_charge", "respond_by", "resolve_by"],
                name="request_scorecard",
            ),
            models.Index(fields=["status", "respond_by"], name="request_status_respond_by"),
            models.Index(fields=["status", "resolve_by"], name="request_status_resolve_by"),
            models.Index(fields=["enterprise", "-filed_at"], name="request_enterprise_filed"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=RequestStatus.CLOSED, closed_at__isnull=False)
                | ~Q(status=RequestStatus.CLOSED),
                name="closed_request_has_closing_time",
                violation_error_message=_("A closed request needs the time it was closed."),
            ),
            models.CheckConstraint(
                condition=Q(
                    status__in=[RequestStatus.ROUTED, RequestStatus.ACCEPTED], institution__isnull=False
                )
                | ~Q(status__in=[RequestStatus.ROUTED, RequestStatus.ACCEPTED]),
                name="routed_request_has_institution",
                violation_error_message=_("A routed or accepted request must be with an institution."),
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.title}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class RoutingReason(models.TextChoices):
    """Why a request reached an institution."""

    FILED = "filed", _("Filed: nearest institution")
    DECLINED = "declined", _("Declined below")
    ESCALATED = "escalated", _("Escalated: overdue below")
    TRANSFERRED = "transferred", _("Transferred")
    REFERRED = "referred", _("Referred upward")


class AssignmentOutcome(models.TextChoices):
    """How an institution's spell with a request ended."""

    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    ESCALATED = "escalated", _("Escalated (overdue)")
    TRANSFERRED = "transferred", _("Transferred")
    REFERRED = "referred", _("Referred upward")
    CLOSED = "closed", _("Closed")
    WITHDRAWN = "withdrawn", _("Withdrawn by the enterprise")


class RequestAssignment(models.Model):
    """A request's spell with one institution, from routing to its answer and (if accepted) to closing.

    Scorecards read their service-level timers from here: seconds to the first answer and to resolution.
    """

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="assignments")
    institution = models.ForeignKey(ServiceInstitution, on_delete=models.PROTECT, related_name="assignments")
    reason = models.CharField(_("routed because"), max_length=16, choices=RoutingReason.choices)
    routed_at = models.DateTimeField(_("routed at"))
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    response_seconds = unknown_count_field(_("seconds to first answer"))
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=AssignmentOutcome.choices, blank=True)
    resolution_seconds = unknown_count_field(_("seconds to resolution"))
    comment = models.TextField(_("reason or comment"), blank=True)

    class Meta:
        ordering = ["routed_at", "pk"]
        verbose_name = _("request assignment")
        verbose_name_plural = _("request assignments")
        indexes = [
            # Covers the scorecard's grouped query (counts by outcome and both medians) for a page of
            # institutions: an index-only scan, however long the history.
            models.Index(
                fields=["institution", "outcome", "response_seconds", "resolution_seconds"],
                name="assignment_scorecard",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.request} → {self.institution}"


class SessionMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("Phone")
    VIDEO = "video", _("Video call")
    ONLINE = "online", _("Online (written)")


class ServiceSession(models.Model):
    """A counselling session on a request (Neoserra's session): when, how, contact and preparation time."""

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="sessions")
    institution = models.ForeignKey(ServiceInstitution, on_delete=models.PROTECT, related_name="sessions")
    counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="service_sessions"
    )
    held_on = models.DateField(_("date"))
    mode = models.CharField(_("mode"), max_length=16, choices=SessionMode.choices)
    contact_minutes = models.PositiveIntegerField(_("contact time (minutes)"), default=0)
    preparation_minutes = models.PositiveIntegerField(_("preparation time (minutes)"), default=0)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["held_on", "pk"]
        verbose_name = _("service session")
        verbose_name_plural = _("service sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(contact_minutes__lte=24 * 60) & Q(preparation_minutes__lte=24 * 60),
                name="session_minutes_within_a_day",
                violation_error_message=_(
                    "Contact and preparation time are each at most 1,440 minutes (a day)."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.request} · {self.held_on}"


class OutcomeKind(models.TextChoices):
    """Milestones a request can achieve (Neoserra's impact milestones)."""

    FINANCING = "financing", _("Financing obtained (yuan)")
    IP = "ip", _("IP rights registered (count)")
    HIRES = "hires", _("People hired (count)")
    REVENUE = "revenue", _("Revenue effect (yuan)")


MONEY_OUTCOMES = (OutcomeKind.FINANCING, OutcomeKind.REVENUE)


class ServiceOutcome(models.Model):
    """A measured result of a request: financing obtained, IP registered, people hired, revenue effect."""

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="outcomes")
    institution = models.ForeignKey(ServiceInstitution, on_delete=models.PROTECT, related_name="outcomes")
    kind = models.CharField(_("kind"), max_length=16, choices=OutcomeKind.choices)
    # Yuan for financing and revenue, a count for IP rights and hires: exact either way.
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=2)
    achieved_on = models.DateField(_("achieved on"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["achieved_on", "pk"]
        verbose_name = _("service outcome")
        verbose_name_plural = _("service outcomes")
        constraints = [
            models.CheckConstraint(
                condition=Q(value__gte=0) | Q(kind=OutcomeKind.REVENUE),
                name="outcome_value_not_negative",
                violation_error_message=_("Only a revenue effect can be negative."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.value}"

    def clean(self) -> None:
        if (
            self.value is not None
            and self.kind not in MONEY_OUTCOMES
            and self.value != self.value.to_integral_value()
        ):
            raise ValidationError({"value": _("IP rights and hires are counted in whole numbers.")})


class ServiceRating(models.Model):
    """The requesting enterprise's rating (1–5) of a closed request: once per request."""

    request = models.OneToOneField(ServiceRequest, on_delete=models.CASCADE, related_name="rating")
    institution = models.ForeignKey(ServiceInstitution, on_delete=models.PROTECT, related_name="ratings")
    score = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("comment"), blank=True)
    rated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("service rating")
        verbose_name_plural = _("service ratings")
        constraints = [
            models.CheckConstraint(
                condition=Q(score__gte=1, score__lte=5),
                name="rating_score_one_to_five",
                violation_error_message=_("A rating is a whole number from 1 to 5."),
            )
        ]
        indexes = [models.Index(fields=["institution", "score"], name="rating_institution_score")]

    def __str__(self) -> str:
        return f"{self.request} · {self.score}/5"


class RequestAttachment(models.Model):
    """A file attached to a request (PDF, JPEG or PNG, checked by content), stored outside the web root."""

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="attachments")
    stored_as = models.CharField(max_length=255)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=32)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("request attachment")
        verbose_name_plural = _("request attachments")

    def __str__(self) -> str:
        return self.original_name


EVENT_ACTIONS = {
    "file": _("Filed"),
    "accept": _("Accepted"),
    "decline": _("Declined"),
    "transfer": _("Transferred"),
    "refer": _("Referred upward"),
    "escalate": _("Escalated (overdue)"),
    "overdue": _("Overdue at the top level"),
    "session": _("Session logged"),
    "outcome": _("Outcome recorded"),
    "close": _("Closed"),
    "rate": _("Rated"),
    "withdraw": _("Withdrawn"),
    "attach": _("File attached"),
}


class RequestEvent(AuditEvent):
    """The audit trail of a request (the platform's audit-event base): who did what, in which role, from
    which status to which, and why; `institution` is where the request stands after it."""

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="events")
    institution = optional_foreign_key(ServiceInstitution, related_name="+")
    # For a staff role: the institution the actor acted for (a decline moves the request on, so it differs
    # from `institution`).
    held_at = optional_foreign_key(ServiceInstitution, related_name="+", verbose_name=_("acting for"))

    ACTION_LABELS = EVENT_ACTIONS
    STATE_LABELS = dict(RequestStatus.choices)

    class Meta(AuditEvent.Meta):
        verbose_name = _("request event")
        verbose_name_plural = _("request events")

    def __str__(self) -> str:
        return f"{self.request} · {self.action}"

    @property
    def role_label(self) -> str:
        """The role in the reader's language, with where it was held: "Manager · 西湖区服务站" for staff (the
        institution the request stood at), "Owner · 某公司" for a member of the requesting enterprise."""
        if self.role in StaffRole.values:
            return f"{StaffRole(self.role).label} · {self.held_at or self.institution}"
        if self.role in MembershipRole.values:
            return f"{MembershipRole(self.role).label} · {self.request.enterprise}"
        labels = {
            "administrator": _("Administrator"),
            "system": _("System"),
            "unknown": _("Unknown role"),
        }
        return str(labels.get(self.role, self.role))
