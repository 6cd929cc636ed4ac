"""Every state change of the service network: filing, routing, answers, sessions, outcomes, escalation.

Routing rule: a request goes to the institutions that serve the enterprise's region and the request's
category, nearest level first (county, then municipal, provincial, national). Within a level the institution
with the most spare capacity this month comes first. A decline passes the request to the next untried
institution at the same level or above; an overdue request escalates strictly upward.

Every state change takes `at`, the moment it happens (now unless given), so that a history written after the
fact (the demo's months of requests) goes through the same checks, routing and trail as a person's click.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from littlegiant.accounts.jurisdiction import is_administrator
from littlegiant.enterprises.permissions import MembershipRole, member_role
from littlegiant.figures import services as figures
from littlegiant.notifications.services import notify
from littlegiant.permissions import ensure
from littlegiant.services.models import (
    AssignmentOutcome,
    InstitutionKind,
    InstitutionLevel,
    InstitutionStaff,
    OutcomeKind,
    RequestAssignment,
    RequestAttachment,
    RequestEvent,
    RequestStatus,
    RoutingReason,
    ServiceCategory,
    ServiceInstitution,
    ServiceOffering,
    ServiceOutcome,
    ServiceRating,
    ServiceRequest,
    ServiceSession,
    SessionMode,
    Urgency,
)
from littlegiant.services.permissions import (
    RequestAction,
    can_manage_catalogue,
    filing_decision,
    request_decision,
    staff_role,
)
from littlegiant.uploads import check_upload, store_upload

if TYPE_CHECKING:
    from littlegiant.accounts.models import User
    from littlegiant.enterprises.models import Enterprise
    from littlegiant.reference.models import Region

MAX_ATTACHMENTS = 5
SYSTEM_ROLE = "system"


# ---------------------------------------------------------------- routing


def routing_candidates(
    region: Region, category: str, *, at: datetime | None = None
) -> list[ServiceInstitution]:
    """Active, staffed institutions serving this region and category: nearest level first, the comprehensive
    (one-stop) centre before specialised ones at a level, then most spare capacity.

    An institution nobody staffs would hold a request that no one can answer (UX review 2026-12, defect 4).
    """
    codes = [code for code in region.path.split("/") if code]
    moment = at or timezone.now()
    month_start = moment.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    candidates = list(
        ServiceInstitution.objects.filter(is_active=True, categories__category=category)
        .filter(Q(region_id__in=codes) | Q(level=InstitutionLevel.NATIONAL))
        .filter(pk__in=staffed_institutions())
        .annotate(
            # Routed this month up to the moment: a history written after the fact sees what was there then.
            taken=Count(
                "assignments",
                filter=Q(assignments__routed_at__gte=month_start, assignments__routed_at__lte=moment),
            )
        )
    )
    # A handful of rows (one per level and a few siblings): ordering them here keeps the rule readable.
    return sorted(
        candidates,
        key=lambda inst: (
            inst.rank,
            inst.kind != InstitutionKind.ONE_STOP,
            inst.taken / inst.capacity,
            inst.pk,
        ),
    )


def staffed_institutions() -> QuerySet[InstitutionStaff, int]:
    """Ids of the institutions at least one active person works at."""
    return InstitutionStaff.objects.filter(user__is_active=True).values("institution_id")


def _next_institution(
    request: ServiceRequest, *, above_rank: int, strictly: bool, at: datetime
) -> ServiceInstitution | None:
    tried = set(request.assignments.values_list("institution_id", flat=True))
    for institution in routing_candidates(request.enterprise.region, request.category, at=at):
        if institution.pk in tried:
            continue
        if institution.rank > above_rank or (not strictly and institution.rank == above_rank):
            return institution
    return None


def _route(
    request: ServiceRequest, institution: ServiceInstitution | None, *, reason: str, at: datetime
) -> None:
    """Hand the request to an institution (starting its answer timer), or mark it unrouted if none."""
    if institution is None:
        request.status = RequestStatus.UNROUTED
        request.institution = None
        request.respond_by = None
        request.resolve_by = None
        return
    request.status = RequestStatus.ROUTED
    request.institution = institution
    request.respond_by = at + timedelta(hours=institution.first_response_hours)
    request.resolve_by = None
    RequestAssignment.objects.create(request=request, institution=institution, reason=reason, routed_at=at)
    notify(
        [staff.user for staff in institution.staff.select_related("user")],
        subject=_("A service request was routed to %(institution)s"),
        body=_("%(enterprise)s asks for help: %(category)s. Answer by %(respond_by)s."),
        params={
            "institution": institution.name,
            "enterprise": request.enterprise.name,
            "category": request.get_category_display(),
            "respond_by": timezone.localtime(request.respond_by).strftime("%Y-%m-%d %H:%M"),
        },
        link=reverse("services:request", args=[request.pk]),
    )


def _current_assignment(request: ServiceRequest) -> RequestAssignment | None:
    return (
        request.assignments.filter(institution_id=request.institution_id, ended_at__isnull=True)
        .order_by("-routed_at", "-pk")
        .first()
    )


def _end_assignment(request: ServiceRequest, *, outcome: str, at: datetime, comment: str = "") -> None:
    assignment = _current_assignment(request)
    if assignment is None:
        return
    if assignment.responded_at is None:
        assignment.responded_at = at
        assignment.response_seconds = max(0, int((at - assignment.routed_at).total_seconds()))
    assignment.ended_at = at
    assignment.outcome = outcome
    if outcome == AssignmentOutcome.CLOSED:
        assignment.resolution_seconds = max(0, int((at - assignment.routed_at).total_seconds()))
    if comment:
        assignment.comment = comment
    assignment.save()


# How each way of passing a request on ends the institution's spell, and why the next one receives it.
HANDED_ON = {
    "decline": (AssignmentOutcome.DECLINED, RoutingReason.DECLINED),
    "transfer": (AssignmentOutcome.TRANSFERRED, RoutingReason.TRANSFERRED),
    "refer": (AssignmentOutcome.REFERRED, RoutingReason.REFERRED),
    "escalate": (AssignmentOutcome.ESCALATED, RoutingReason.ESCALATED),
}


def _hand_on(
    request: ServiceRequest,
    *,
    to: ServiceInstitution | None,
    by: User | None,
    action: str,
    comment: str,
    at: datetime,
    role: str | None = None,
    ended_because: str = "",
) -> None:
    """The one path by which a request leaves its institution (`HANDED_ON`: a decline, a transfer, a referral,
    an escalation): its assignment ends (with `ended_because` or the comment), it is routed to `to` (None: no
    one is left and it is unrouted), saved, and the action recorded in the role the actor held before."""
    ended, routed = HANDED_ON[action]
    acting = role if role is not None or by is None else _role_code(by, request)
    before = request.status
    _end_assignment(request, outcome=ended, at=at, comment=ended_because or comment)
    _route(request, to, reason=routed, at=at)
    request.save()
    _record(request, by=by, role=acting, action=action, from_status=before, comment=comment, at=at)


def _record(
    request: ServiceRequest,
    *,
    by: User | None,
    action: str,
    from_status: str,
    at: datetime,
    comment: str = "",
    role: Acting | str | None = None,
) -> None:
    """One entry of the request's trail on the platform's audit base; the region is where the role is held.

    `role` defaults to how `by` acts on the request as it stands (`_role_code`); a caller whose action moves
    the request elsewhere passes the role it had before."""
    acting = _role_code(by, request) if role is None and by is not None else role
    if not isinstance(acting, Acting):
        acting = Acting(acting or "")
    if acting.held_at is not None:
        region = acting.held_at.region_id or ""
    elif acting.code in MembershipRole.values:
        region = request.enterprise.region_id or ""
    else:
        region = ""
    RequestEvent.record(
        request=request,
        actor=by,
        role=acting.code,
        held_at=acting.held_at,
        region=region,
        action=action,
        from_state=from_status,
        to_state=request.status,
        institution=request.institution,
        comment=comment,
        created_at=at,
    )


class Acting(NamedTuple):
    """The role an actor acted in, and for staff the institution they acted for (before any routing)."""

    code: str
    held_at: ServiceInstitution | None = None


def _role_code(user: User, request: ServiceRequest) -> Acting:
    """How the actor acted, for the audit trail: a role code, and for staff the institution they act for."""
    role = staff_role(user, request.institution)
    if role:
        return Acting(role, request.institution)
    role = member_role(user, request.enterprise)
    if role:
        return Acting(role)
    if is_administrator(user):
        return Acting("administrator")
    return Acting("unknown")


def _locked_for(request: ServiceRequest, by: User, action: RequestAction) -> ServiceRequest:
    """The request locked for a change, once `by` may make it now (PermissionDenied with the reason if not)."""
    request = _locked(request)
    ensure(request_decision(by, action, request))
    return request


def _locked(request: ServiceRequest) -> ServiceRequest:
    return (
        ServiceRequest.objects.select_for_update(of=("self",))
        .select_related("enterprise__region", "institution")
        .get(pk=request.pk)
    )


def request_figures_key(request: ServiceRequest, institution: ServiceInstitution | None) -> dict[str, object]:
    """Where a request counts in the dashboards' summary tables (the rebuild uses this too): its category, the
    year it was filed, and the region of the institution that answers for it: the one it was routed to when
    filed, the one that closed it, the one rated. The service network's figures are the institutions'
    performance, counted where the institutions are, like their coverage.

    A national institution has no region, and an unrouted request no institution: those count at the
    enterprise's region (the country's total is the same either way)."""
    region_id = institution.region_id if institution is not None and institution.region_id else None
    return {
        "region_id": region_id or request.enterprise.region_id,
        "key": request.category,
        "year": timezone.localtime(request.filed_at).year,
    }


def _required(value: str, field: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: _("This field is required: give a reason.")})
    return value


# ---------------------------------------------------------------- the enterprise's side


def file_request(
    enterprise: Enterprise,
    *,
    by: User,
    category: str,
    title: str,
    description: str,
    urgency: str = Urgency.NORMAL,
    offering: ServiceOffering | None = None,
    attachments: Iterable[UploadedFile] = (),
    at: datetime | None = None,
) -> ServiceRequest:
    """An enterprise asks the network for help; the request goes to the nearest institution that serves it."""
    ensure(filing_decision(by, enterprise))
    if category not in ServiceCategory.values:
        raise ValidationError({"category": _("Choose one of the service categories.")})
    if urgency not in Urgency.values:
        raise ValidationError({"urgency": _("Choose low, normal or urgent.")})
    title, description = (title or "").strip(), (description or "").strip()
    if not title:
        raise ValidationError({"title": _("Give the request a short title.")})
    if not description:
        raise ValidationError({"description": _("Describe what help the enterprise needs.")})
    if offering is not None and offering.category != category:
        raise ValidationError({"offering": _("The chosen offering belongs to another category.")})
    files = list(attachments)
    if len(files) > MAX_ATTACHMENTS:
        raise ValidationError({"attachments": _("Attach at most %(n)s files.") % {"n": MAX_ATTACHMENTS}})
    for file in files:  # check everything before writing anything
        try:
            check_upload(file)
        except ValidationError as error:
            raise ValidationError({"attachments": error.messages}) from None
    now = at or timezone.now()
    with transaction.atomic():
        request = ServiceRequest(
            enterprise=enterprise,
            category=category,
            offering=offering,
            title=title,
            description=description,
            urgency=urgency,
            filed_by=by,
            filed_at=now,
            status=RequestStatus.UNROUTED,
        )
        request.save()
        # The offering's own institution is the natural first stop when the SME picked it from the catalogue.
        first = offering.institution if offering is not None and offering.institution.is_active else None
        if first is None:
            first = _next_institution(request, above_rank=0, strictly=True, at=now)
        _route(request, first, reason=RoutingReason.FILED, at=now)
        request.save()
        for file in files:
            _store_attachment(request, file, by=by)
        _record(request, by=by, action="file", from_status="", at=now)
        figures.tally(figures.Measure.REQUESTS_FILED, **request_figures_key(request, request.institution))
    return request


def _store_attachment(request: ServiceRequest, file: UploadedFile, *, by: User) -> RequestAttachment:
    content_type = check_upload(file)
    stored = store_upload(file, folder=f"services/requests/{request.pk}")
    return RequestAttachment.objects.create(
        request=request,
        stored_as=stored,
        original_name=(file.name or "file")[:200],
        content_type=content_type,
        size=file.size or 0,
        uploaded_by=by,
    )


def attach(
    request: ServiceRequest, *, by: User, file: UploadedFile, at: datetime | None = None
) -> RequestAttachment:
    """The requesting enterprise adds a document to an open request."""
    now = at or timezone.now()
    with transaction.atomic():
        request = _locked_for(request, by, "attach")
        if request.attachments.count() >= MAX_ATTACHMENTS:
            raise ValidationError(
                {"file": _("A request holds at most %(n)s files.") % {"n": MAX_ATTACHMENTS}}
            )
        try:
            attachment = _store_attachment(request, file, by=by)
        except ValidationError as error:
            raise ValidationError({"file": error.messages}) from None
        _record(
            request,
            by=by,
            action="attach",
            from_status=request.status,
            comment=attachment.original_name,
            at=now,
        )
    return attachment


def withdraw(request: ServiceRequest, *, by: User, reason: str, at: datetime | None = None) -> ServiceRequest:
    """The enterprise no longer needs help: the request leaves the institution's queue."""
    reason = _required(reason, "reason")
    now = at or timezone.now()
    with transaction.atomic():
        request = _locked_for(request, by, "withdraw")
        before = request.status
        _end_assignment(request, outcome=AssignmentOutcome.WITHDRAWN, at=now, comment=reason)
        request.status = RequestStatus.WITHDRAWN
        request.respond_by = request.resolve_by = None
        request.closed_at = now
        request.save()
        _record(request, by=by, action="withdraw", from_status=before, comment=reason, at=now)
    return request


def rate(
    request: ServiceRequest, *, by: User, score: int, comment: str = "", at: datetime | None = None
) -> ServiceRating:
    """The requesting enterprise rates a closed request from 1 to 5, once."""
    if not isinstance(score, int) or not 1 <= score <= 5:
        raise ValidationError({"score": _("A rating is a whole number from 1 to 5.")})
    now = at or timezone.now()
    with transaction.atomic():
        request = _locked_for(request, by, "rate")
        rating = ServiceRating.objects.create(
            request=request,
            institution=request.institution,
            score=score,
            comment=(comment or "").strip(),
            rated_by=by,
        )
        _record(
            request,
            by=by,
            action="rate",
            from_status=request.status,
            comment=f"{score}/5 {rating.comment}".strip(),
            at=now,
        )
        figures.tally(
            figures.Measure.RATINGS, **request_figures_key(request, rating.institution), amount=score
        )
    return rating


# ---------------------------------------------------------------- the institution's side


def accept(
    request: ServiceRequest, *, by: User, comment: str = "", at: datetime | None = None
) -> ServiceRequest:
    """The institution takes the request on; its resolution timer starts."""
    now = at or timezone.now()
    with transaction.atomic():
        request = _locked_for(request, by, "accept")
        assignment = _current_assignment(request)
        if assignment is not None:
            assignment.responded_at = now
            assignment.response_seconds = max(0, int((now - assignment.routed_at).total_seconds()))
            assignment.comment = comment.strip()
            assignment.save()
        request.status = RequestStatus.ACCEPTED
        request.first_response_at = request.first_response_at or now
        request.respond_by = None
        request.resolve_by = now + timedelta(days=request.institution.resolution_days)
        request.save()
        _record(
            request, by=by, action="accept", from_status=RequestStatus.ROUTED, comment=comment.strip(), at=now
        )
    return request


def decline(request: ServiceRequest, *, by: User, reason: str, at: datetime | None = None) -> ServiceRequest:
    """The institution cannot help (with a reason): the request goes on, at the same level or up."""
    reason = _required(reason, "reason")
    now = at or timezone.now()
    with transaction.atomic():
        request = _locked_for(request, by, "decline")
        _hand_on(
            request,
            to=_next_institution(request, above_rank=request.institution.rank, strictly=False, at=now),
            by=by,
            action="decline",
            comment=reason,
            at=now,
        )
    return request


def transfer(
    request: ServiceRequest, *, by: User, to: ServiceInstitution, reason: str, at: datetime | None = None
) -> ServiceRequest:
    """Staff (or an administrator) hand the request to another named institution that serves its category."""
    reason = _required(reason, "reason")
    now = at or timezone.now()
    with transaction.atomic():
        request = _locked_for(request, by, "transfer")
        if to.pk == request.institution_id:
            raise ValidationError({"to": _("The request is already with this institution.")})
        if not to.is_active or not to.categories.filter(category=request.category).exists():
            raise ValidationError(
                {
                    "to": _("%(institution)s does not offer %(category)s.")
                    % {"institution": to, "category": request.get_category_display()}
                }
            )
        if not to.staff.filter(user__is_active=True).exists():
            raise ValidationError(
                {"to": _("%(institution)s has no staff on the platform to answer it.") % {"institution": to}}
            )
        _hand_on(request, to=to, by=by, action="transfer", comment=reason, at=now)
    return request


def refer_upward(
    request: ServiceRequest, *, by: User, reason: str, at: datetime | None = None
) -> ServiceRequest:
    """Staff refer the request to their institution's parent, the next level up."""
    reason = _required(reason, "reason")
    now = at or timezone.now()
    with transaction.atomic():
        request = _locked_for(request, by, "refer")
        parent = request.institution.parent
        if not parent.is_active:
            raise ValidationError(
                {"reason": _("The parent institution %(parent)s is not active.") % {"parent": parent}}
            )
        _hand_on(request, to=parent, by=by, action="refer", comment=reason, at=now)
    return request


def log_session(
    request: ServiceRequest,
    *,
    by: User,
    held_on: date,
    mode: str,
    contact_minutes: int,
    preparation_minutes: int,
    notes: str = "",
    at: datetime | None = None,
) -> ServiceSession:
    """A counsellor records a session held on an accepted request."""
    if mode not in SessionMode.values:
        raise ValidationError({"mode": _("Choose how the session was held.")})
    for field, minutes in (
        ("contact_minutes", contact_minutes),
        ("preparation_minutes", preparation_minutes),
    ):
        if minutes is None or minutes < 0 or minutes > 24 * 60:
            raise ValidationError({field: _("Minutes must be between 0 and 1,440.")})
    now = at or timezone.now()
    if held_on > timezone.localdate(now):
        raise ValidationError({"held_on": _("A session cannot be logged for a future date.")})
    with transaction.atomic():
        request = _locked_for(request, by, "log_session")
        if held_on < timezone.localdate(request.filed_at):
            raise ValidationError({"held_on": _("The session cannot be before the request was filed.")})
        session = ServiceSession.objects.create(
            request=request,
            institution=request.institution,
            counsellor=by,
            held_on=held_on,
            mode=mode,
            contact_minutes=contact_minutes,
            preparation_minutes=preparation_minutes,
            notes=(notes or "").strip(),
        )
        _record(
            request,
            by=by,
            action="session",
            from_status=request.status,
            comment=session_comment(session),
            at=now,
        )
    return session


def session_comment(session: ServiceSession) -> str:
    """The trail's line for a logged session (bench/services_history.py writes the same)."""
    return _("%(date)s · %(mode)s · %(contact)s min with the enterprise, %(preparation)s min preparing") % {
        "date": session.held_on,
        "mode": session.get_mode_display(),
        "contact": session.contact_minutes,
        "preparation": session.preparation_minutes,
    }


def outcome_comment(outcome: ServiceOutcome) -> str:
    """The trail's line for a recorded outcome (bench/services_history.py writes the same)."""
    return f"{outcome.get_kind_display()}: {outcome.value}"


def record_outcome(
    request: ServiceRequest,
    *,
    by: User,
    kind: str,
    value: Decimal,
    achieved_on: date,
    note: str = "",
    at: datetime | None = None,
) -> ServiceOutcome:
    """Staff record a measured result: financing obtained, IP registered, people hired or revenue effect."""
    if kind not in OutcomeKind.values:
        raise ValidationError({"kind": _("Choose the kind of outcome.")})
    now = at or timezone.now()
    with transaction.atomic():
        request = _locked_for(request, by, "record_outcome")
        outcome = ServiceOutcome(
            request=request,
            institution=request.institution,
            kind=kind,
            value=value,
            achieved_on=achieved_on,
            note=(note or "").strip(),
            recorded_by=by,
        )
        outcome.full_clean()
        outcome.save()
        _record(
            request,
            by=by,
            action="outcome",
            from_status=request.status,
            comment=outcome_comment(outcome),
            at=now,
        )
    return outcome


def close(
    request: ServiceRequest,
    *,
    by: User,
    resolution: str,
    free_of_charge: bool,
    at: datetime | None = None,
) -> ServiceRequest:
    """The institution closes an accepted request with a summary; the enterprise may then rate it."""
    resolution = (resolution or "").strip()
    if not resolution:
        raise ValidationError({"resolution": _("Summarise what was done before closing.")})
    now = at or timezone.now()
    with transaction.atomic():
        request = _locked_for(request, by, "close")
        _end_assignment(request, outcome=AssignmentOutcome.CLOSED, at=now)
        request.status = RequestStatus.CLOSED
        request.closed_at = now
        request.resolve_by = None
        request.resolution = resolution
        request.free_of_charge = bool(free_of_charge)
        request.save()
        _record(
            request, by=by, action="close", from_status=RequestStatus.ACCEPTED, comment=resolution, at=now
        )
        figures.tally(figures.Measure.REQUESTS_CLOSED, **request_figures_key(request, request.institution))
    return request


# ---------------------------------------------------------------- the periodic task


@dataclass(frozen=True, slots=True)
class EscalationReport:
    """What one sweep did."""

    escalated: int
    stuck_at_top: int


def escalate_overdue(*, now: datetime | None = None) -> EscalationReport:
    """Move every overdue request (no answer in time, or not resolved in time) to the next level up."""
    now = now or timezone.now()
    overdue = ServiceRequest.objects.filter(
        Q(status=RequestStatus.ROUTED, respond_by__lt=now)
        | Q(status=RequestStatus.ACCEPTED, resolve_by__lt=now)
    ).values_list("pk", flat=True)
    escalated = stuck = 0
    for pk in list(overdue):
        with transaction.atomic():
            request = (
                ServiceRequest.objects.select_for_update(of=("self",))
                .select_related("enterprise__region", "institution")
                .get(pk=pk)
            )
            before = request.status
            late_answer = before == RequestStatus.ROUTED and request.respond_by and request.respond_by < now
            late_resolution = (
                before == RequestStatus.ACCEPTED and request.resolve_by and request.resolve_by < now
            )
            if not (late_answer or late_resolution):
                continue  # answered since the sweep started
            late = request.institution
            target = _next_institution(request, above_rank=late.rank, strictly=True, at=now)
            if target is None:
                # Nothing above: keep it where it is, stop the clock, and let the data-quality page show it.
                request.respond_by = request.resolve_by = None
                request.save(update_fields=["respond_by", "resolve_by"])
                comment = _("Overdue at %(institution)s; no level above to escalate to.") % {
                    "institution": late
                }
                _record(
                    request,
                    by=None,
                    role=SYSTEM_ROLE,
                    action="overdue",
                    from_status=before,
                    comment=comment,
                    at=now,
                )
                stuck += 1
                continue
            request.escalations += 1
            _hand_on(
                request,
                to=target,
                by=None,
                role=SYSTEM_ROLE,
                action="escalate",
                comment=_("Overdue at %(late)s; escalated to %(target)s.") % {"late": late, "target": target},
                ended_because=_("Overdue: no answer in time.")
                if late_answer
                else _("Overdue: not resolved in time."),
                at=now,
            )
            escalated += 1
    return EscalationReport(escalated=escalated, stuck_at_top=stuck)


# ---------------------------------------------------------------- the catalogue


def publish_offering(
    institution: ServiceInstitution,
    *,
    by: User,
    category: str,
    title: str,
    description: str,
    fee: str,
    delivery: str,
) -> ServiceOffering:
    """A manager publishes a service in the institution's catalogue, in a category the institution serves."""
    ensure(can_manage_catalogue(by, institution))
    with transaction.atomic():
        institution = ServiceInstitution.objects.select_for_update().get(pk=institution.pk)
        if not institution.categories.filter(category=category).exists():
            raise ValidationError(
                {
                    "category": _(
                        "The institution does not serve this category; an administrator "
                        "adds categories to an institution."
                    )
                }
            )
        offering = ServiceOffering(
            institution=institution,
            category=category,
            title=(title or "").strip(),
            description=(description or "").strip(),
            fee=fee,
            delivery=delivery,
        )
        offering.full_clean()
        offering.save()
    return offering


def set_offering_published(offering: ServiceOffering, *, by: User, published: bool) -> ServiceOffering:
    """A manager withdraws an offering from the catalogue or publishes it again."""
    ensure(can_manage_catalogue(by, offering.institution))
    with transaction.atomic():
        offering = ServiceOffering.objects.select_for_update().get(pk=offering.pk)
        offering.is_active = published
        offering.save(update_fields=["is_active", "updated_at"])
    return offering
