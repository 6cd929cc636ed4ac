"""The service network's HTTP API: the same for_user() scoping, services and permissions as the web pages."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from littlegiant.accounts.jurisdiction import covers_region, sees_everywhere
from littlegiant.enterprises.models import Enterprise
from littlegiant.pagination import BoundedCursorPagination
from littlegiant.reference.models import Region
from littlegiant.services import services
from littlegiant.services.coverage import coverage_of
from littlegiant.services.models import ServiceInstitution, ServiceOffering, ServiceRequest
from littlegiant.services.permissions import oversees_network
from littlegiant.services.scorecards import scorecards

router = Router()


class InstitutionOut(Schema):
    id: int
    name: str
    level: str
    region_code: str | None
    kind: str
    demonstration: str
    capacity: int
    parent_id: int | None
    is_synthetic: bool


class OfferingOut(Schema):
    id: int
    institution_id: int
    institution: str
    category: str
    title: str
    description: str
    fee: str
    delivery: str


class RequestOut(Schema):
    id: int
    enterprise_id: int
    enterprise: str
    category: str
    title: str
    urgency: str
    status: str
    institution_id: int | None
    filed_at: datetime
    respond_by: datetime | None
    resolve_by: datetime | None
    first_response_at: datetime | None
    closed_at: datetime | None
    escalations: int


class RequestIn(Schema):
    enterprise_id: int
    category: str
    title: str
    description: str
    urgency: str = "normal"
    offering_id: int | None = None


class ReasonIn(Schema):
    reason: str


class CommentIn(Schema):
    comment: str = ""


class SessionIn(Schema):
    held_on: date
    mode: str
    contact_minutes: int
    preparation_minutes: int = 0
    notes: str = ""


class OutcomeIn(Schema):
    kind: str
    value: Decimal
    achieved_on: date
    note: str = ""


class CloseIn(Schema):
    resolution: str
    free_of_charge: bool = True


class RatingIn(Schema):
    score: int
    comment: str = ""


class ScorecardOut(Schema):
    institution_id: int
    institution: str
    level: str
    received: int
    served: int
    declined: int
    median_answer_seconds: float | None
    median_resolution_seconds: float | None
    ratings: int
    satisfaction: Decimal | None
    free_share: Decimal | None
    open_now: int
    overdue_now: int


class CoverageRowOut(Schema):
    code: str
    name: str
    prefectures: int
    prefectures_covered: int
    prefecture_share: Decimal | None
    counties: int
    counties_covered: int
    county_share: Decimal | None
    by_level: dict[str, int]


class CoverageOut(Schema):
    region: str | None
    total: CoverageRowOut
    rows: list[CoverageRowOut]


def _institution_out(institution: ServiceInstitution) -> dict:
    return {
        "id": institution.pk,
        "name": institution.name,
        "level": institution.level,
        "region_code": institution.region_id,
        "kind": institution.kind,
        "demonstration": institution.demonstration,
        "capacity": institution.capacity,
        "parent_id": institution.parent_id,
        "is_synthetic": institution.is_synthetic,
    }


def _request_out(request: ServiceRequest) -> dict:
    return {
        "id": request.pk,
        "enterprise_id": request.enterprise_id,
        "enterprise": request.enterprise.name,
        "category": request.category,
        "title": request.title,
        "urgency": request.urgency,
        "status": request.status,
        "institution_id": request.institution_id,
        "filed_at": request.filed_at,
        "respond_by": request.respond_by,
        "resolve_by": request.resolve_by,
        "first_response_at": request.first_response_at,
        "closed_at": request.closed_at,
        "escalations": request.escalations,
    }


def _offering_out(offering: ServiceOffering) -> dict:
    return {
        "id": offering.pk,
        "institution_id": offering.institution_id,
        "institution": offering.institution.name,
        "category": offering.category,
        "title": offering.title,
        "description": offering.description,
        "fee": offering.fee,
        "delivery": offering.delivery,
    }


def _present(out):  # noqa: ANN001, ANN202
    """One page of rows as the operation answers them."""
    return lambda rows: [out(row) for row in rows]


@router.get("/offerings", response=list[OfferingOut])
@paginate(BoundedCursorPagination, ordering=("pk",), present=_present(_offering_out))
def list_offerings(request: HttpRequest, category: str = "", region: str = "", q: str = ""):  # noqa: ANN201
    """The published catalogue, by category, region (inside it or serving it from above) and text."""
    offerings = ServiceOffering.objects.for_user(request.user).select_related("institution")
    if category:
        offerings = offerings.filter(category=category)
    if q:
        offerings = offerings.filter(Q(title__icontains=q) | Q(description__icontains=q))
    if region:
        place = get_object_or_404(Region, code=region)
        codes = [code for code in place.path.split("/") if code]
        offerings = offerings.filter(
            Q(institution__region__path__startswith=place.path)
            | Q(institution__region_id__in=codes)
            | Q(institution__level="national")
        )
    return offerings


@router.get("/institutions", response=list[InstitutionOut])
@paginate(BoundedCursorPagination, ordering=("pk",), present=_present(_institution_out))
def list_institutions(request: HttpRequest, level: str = ""):  # noqa: ANN201
    """Institutions in the caller's jurisdiction (staff: their own)."""
    institutions = ServiceInstitution.objects.for_user(request.user)
    if level:
        institutions = institutions.filter(level=level)
    return institutions


@router.get("/requests", response=list[RequestOut])
@paginate(BoundedCursorPagination, ordering=("-pk",), present=_present(_request_out))
def list_requests(request: HttpRequest, status: str = ""):  # noqa: ANN201
    """Requests the caller may see, newest first."""
    requests = ServiceRequest.objects.for_user(request.user).select_related("enterprise")
    if status:
        requests = requests.filter(status=status)
    return requests


@router.get("/requests/{request_id}", response=RequestOut)
def get_request(request: HttpRequest, request_id: int):  # noqa: ANN201
    item = get_object_or_404(
        ServiceRequest.objects.for_user(request.user).select_related("enterprise"), pk=request_id
    )
    return _request_out(item)


@router.post("/requests", response={201: RequestOut})
def file_request(request: HttpRequest, payload: RequestIn):  # noqa: ANN201
    """File a request for an enterprise the caller owns or is a delegate of; it is routed at once."""
    enterprise = get_object_or_404(Enterprise.objects.for_user(request.user), pk=payload.enterprise_id)
    offering = None
    if payload.offering_id is not None:
        offering = get_object_or_404(ServiceOffering.objects.for_user(request.user), pk=payload.offering_id)
    filed = services.file_request(
        enterprise,
        by=request.user,
        category=payload.category,
        title=payload.title,
        description=payload.description,
        urgency=payload.urgency,
        offering=offering,
    )
    return Status(201, _request_out(filed))


def _visible(request: HttpRequest, request_id: int) -> ServiceRequest:
    return get_object_or_404(
        ServiceRequest.objects.for_user(request.user).select_related("enterprise"), pk=request_id
    )


@router.post("/requests/{request_id}/accept", response=RequestOut)
def accept(request: HttpRequest, request_id: int, payload: CommentIn):  # noqa: ANN201
    item = _visible(request, request_id)
    return _request_out(services.accept(item, by=request.user, comment=payload.comment))


@router.post("/requests/{request_id}/decline", response=RequestOut)
def decline(request: HttpRequest, request_id: int, payload: ReasonIn):  # noqa: ANN201
    item = _visible(request, request_id)
    return _request_out(services.decline(item, by=request.user, reason=payload.reason))


@router.post("/requests/{request_id}/refer", response=RequestOut)
def refer(request: HttpRequest, request_id: int, payload: ReasonIn):  # noqa: ANN201
    item = _visible(request, request_id)
    return _request_out(services.refer_upward(item, by=request.user, reason=payload.reason))


@router.post("/requests/{request_id}/sessions", response={201: dict})
def log_session(request: HttpRequest, request_id: int, payload: SessionIn):  # noqa: ANN201
    item = _visible(request, request_id)
    session = services.log_session(item, by=request.user, **payload.dict())
    return Status(201, {"id": session.pk})


@router.post("/requests/{request_id}/outcomes", response={201: dict})
def record_outcome(request: HttpRequest, request_id: int, payload: OutcomeIn):  # noqa: ANN201
    item = _visible(request, request_id)
    outcome = services.record_outcome(item, by=request.user, **payload.dict())
    return Status(201, {"id": outcome.pk})


@router.post("/requests/{request_id}/close", response=RequestOut)
def close(request: HttpRequest, request_id: int, payload: CloseIn):  # noqa: ANN201
    item = _visible(request, request_id)
    return _request_out(services.close(item, by=request.user, **payload.dict()))


@router.post("/requests/{request_id}/rating", response={201: dict})
def rate(request: HttpRequest, request_id: int, payload: RatingIn):  # noqa: ANN201
    item = _visible(request, request_id)
    rating = services.rate(item, by=request.user, score=payload.score, comment=payload.comment)
    return Status(201, {"id": rating.pk, "score": rating.score})


def _scorecards_out(institutions: list[ServiceInstitution]) -> list[dict]:
    """The scorecards of one page of institutions (computed for that page only)."""
    return [
        {
            "institution_id": card.institution.pk,
            "institution": card.institution.name,
            "level": card.institution.level,
            "received": card.received,
            "served": card.served,
            "declined": card.declined,
            "median_answer_seconds": card.median_answer_seconds,
            "median_resolution_seconds": card.median_resolution_seconds,
            "ratings": card.ratings,
            "satisfaction": card.satisfaction,
            "free_share": card.free_share,
            "open_now": card.open_now,
            "overdue_now": card.overdue_now,
        }
        for card in scorecards(institutions)
    ]


@router.get("/scorecards", response=list[ScorecardOut])
@paginate(BoundedCursorPagination, ordering=("name", "pk"), present=_scorecards_out)
def list_scorecards(request: HttpRequest, level: str = ""):  # noqa: ANN201
    """Scorecards of the institutions in the caller's jurisdiction by name, a page at a time."""
    institutions = ServiceInstitution.objects.for_user(request.user).filter(is_active=True)
    if level:
        institutions = institutions.filter(level=level)
    return institutions


def _row_out(row) -> dict:  # noqa: ANN001
    return {
        "code": row.code,
        "name": row.name,
        "prefectures": row.prefectures,
        "prefectures_covered": row.prefectures_covered,
        "prefecture_share": row.prefecture_share,
        "counties": row.counties,
        "counties_covered": row.counties_covered,
        "county_share": row.county_share,
        "by_level": row.by_level,
    }


@router.get("/coverage", response=CoverageOut)
def coverage(request: HttpRequest, region: str = ""):  # noqa: ANN201
    """Coverage of the country or a region in the caller's jurisdiction, one row per region below it."""
    user = request.user
    if not oversees_network(user):
        raise PermissionDenied(_("Coverage is for reviewers and administrators."))
    focus = get_object_or_404(Region, code=region) if region else None
    if focus is None and not sees_everywhere(user):
        raise PermissionDenied(
            _("Name a region in your jurisdiction: the national view is for national reviewers.")
        )
    if focus is not None and not covers_region(user, focus):
        raise PermissionDenied(_("%(region)s lies outside your jurisdiction.") % {"region": focus.name})
    result = coverage_of(focus, list_gaps=False)
    return {
        "region": region or None,
        "total": _row_out(result.total),
        "rows": [_row_out(r) for r in result.rows],
    }
