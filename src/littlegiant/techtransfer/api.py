"""The technology-transfer API: search, listings, licences, reports and statements, with the web's services
and rules."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from littlegiant.accounts.addresses import client_address
from littlegiant.enterprises.models import Enterprise
from littlegiant.pagination import (
    BoundedCursorPagination,
    CursorPage,
    check_id,
    ranked_links,
    ranked_page_number,
)
from littlegiant.techtransfer import services
from littlegiant.techtransfer.models import Licence, LicenceText, PatentListing
from littlegiant.techtransfer.search import SearchFilters, search

router = Router()


class HitOut(Schema):
    id: int
    application_number: str
    title: str
    institution: str
    score: float
    title_highlighted: str
    snippet_highlighted: str
    missing_words: list[str] = Field(
        default_factory=list,
        description="Query words this listing lacks; listings with every word come first.",
    )


class ListingOut(Schema):
    id: int
    application_number: str
    publication_number: str
    title: str
    abstract: str
    ipc_codes: list[str]
    legal_status: str
    expires_on: date
    maturity: str
    institution: str
    problem: str
    benefit: str
    applications: str
    exclusive: bool
    free_months: int
    royalty_basis: str
    royalty_rate: Decimal | None
    annual_fee: Decimal | None
    annual_cap: Decimal | None
    territory: str
    status: str


class LicenceOut(Schema):
    id: int
    listing_id: int
    enterprise_id: int
    status: str
    starts_on: date | None
    paying_from: date | None
    ended_on: date | None
    royalty_basis: str
    royalty_rate: Decimal | None
    annual_fee: Decimal | None
    annual_cap: Decimal | None


class AcceptIn(Schema):
    enterprise_id: int
    licence_text_version: str


class ReportIn(Schema):
    period_start: date
    period_end: date
    net_sales: Decimal | None = None
    profit: Decimal | None = None


class StatementOut(Schema):
    id: int
    number: str
    period_start: date
    period_end: date
    base: Decimal
    paying_days: int
    cap_reached: bool
    amount_due: Decimal
    due_on: date


def _listing_out(listing: PatentListing) -> ListingOut:
    return ListingOut(
        id=listing.pk,
        ipc_codes=listing.ipc_list,
        institution=listing.institution.name,
        **{
            name: getattr(listing, name)
            for name in ListingOut.model_fields
            if name not in {"id", "ipc_codes", "institution"}
        },
    )


class HitsPage(CursorPage):
    results: list[HitOut]


@router.get("/search", response=HitsPage, auth=None)
def search_listings(
    request,
    q: str,
    ipc: str = "",
    industry: str = "",
    institution: int | None = None,
    royalty_basis: str = "",
    cursor: str | None = None,
):
    """Full-text search of published listings (public), ranked, with highlighted matches, a page at a time."""
    check_id(institution, field="institution")
    number = ranked_page_number(request, cursor)
    result = search(
        q,
        filters=SearchFilters(
            ipc=ipc, industry=industry, institution=institution, royalty_basis=royalty_basis
        ),
        page=number,
    )
    hits = [
        HitOut(
            id=hit.listing.pk,
            application_number=hit.listing.application_number,
            title=hit.listing.title,
            institution=hit.listing.institution.name,
            score=hit.score,
            title_highlighted=str(hit.title),
            snippet_highlighted=str(hit.snippet),
            missing_words=list(hit.missing),
        )
        for hit in result.hits
    ]
    return HitsPage(results=hits, **ranked_links(request, number, has_next=result.has_next))


@router.get("/listings/{listing_id}", response=ListingOut, auth=None)
def get_listing(request, listing_id: int):
    """One listing the caller may see (published ones are public)."""
    listing = get_object_or_404(
        PatentListing.objects.for_user(request.user).select_related("institution"), pk=listing_id
    )
    return _listing_out(listing)


@router.post("/listings/{listing_id}/accept", response={201: LicenceOut})
def accept_listing(request, listing_id: int, payload: AcceptIn):
    """Accept the standard licence for an enterprise, naming the licence text version read."""
    listing = get_object_or_404(PatentListing.objects.for_user(request.user), pk=listing_id)
    enterprise = get_object_or_404(Enterprise.objects.for_user(request.user), pk=payload.enterprise_id)
    text = get_object_or_404(LicenceText, version=payload.licence_text_version)
    click = services.ClickThrough(
        licence_text=text,
        ip_address=client_address(request),
        user_agent=request.META.get("HTTP_USER_AGENT", ""),
    )
    licence = services.accept_standard_licence(
        listing, enterprise=enterprise, by=request.user, click=click, today=timezone.localdate()
    )
    return Status(201, licence)


@router.get("/licences", response=list[LicenceOut])
@paginate(BoundedCursorPagination, ordering=("-pk",))
def list_licences(request, status: str = ""):
    """Licences the caller may see, newest first, a page at a time."""
    licences = Licence.objects.for_user(request.user)
    if status:
        licences = licences.filter(status=status)
    return licences


@router.post("/licences/{licence_id}/reports", response={201: StatementOut})
def report_figures(request, licence_id: int, payload: ReportIn):
    """Report a period's sales or profit; returns the statement issued."""
    licence = get_object_or_404(Licence.objects.for_user(request.user), pk=licence_id)
    statement = services.report_period(
        licence,
        by=request.user,
        period_start=payload.period_start,
        period_end=payload.period_end,
        net_sales=payload.net_sales,
        profit=payload.profit,
        today=timezone.localdate(),
    )
    return Status(
        201,
        StatementOut(
            number=statement.number,
            **{name: getattr(statement, name) for name in StatementOut.model_fields if name != "number"},
        ),
    )


@router.get("/licence-texts/current", auth=None)
def current_licence_text(request):
    """The licence text in force today, in Chinese and English."""
    text = LicenceText.current(timezone.localdate())
    if text is None:
        raise HttpError(404, "No licence text is in force.")
    return {
        "version": text.version,
        "effective_on": text.effective_on,
        "text_zh": text.text_zh,
        "text_en": text.text_en,
    }
