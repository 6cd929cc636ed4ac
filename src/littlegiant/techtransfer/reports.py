"""Figures for institutions and officials: listings, interest, licences by stage, income, time to first
licence.

Read-only; every figure starts from the user's scope, so an officer sees their institutions and an official
the institutions in their jurisdiction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from statistics import median
from typing import TYPE_CHECKING, Any

from django.db.models import Aggregate, Count, Min, Q, QuerySet, Sum

from littlegiant.accounts.jurisdiction import NOTHING, is_administrator, region_scope
from littlegiant.techtransfer.models import (
    Enquiry,
    FeedbackCategory,
    Licence,
    LicenceStatus,
    ListingFeedback,
    ListingStatus,
    PatentListing,
    Payment,
    ResearchInstitution,
    Statement,
    TechnologyNeed,
)
from littlegiant.techtransfer.royalties import to_fen
from littlegiant.techtransfer.search import SearchFilters, SearchHit, highlight, search

if TYPE_CHECKING:
    from littlegiant.accounts.models import User


def institutions_for(user: User):
    """The institutions whose figures this user may see: their own as an officer, their region's as an
    official."""
    if not (user.is_authenticated and user.is_active):
        return ResearchInstitution.objects.none()
    if is_administrator(user):
        return ResearchInstitution.objects.all()
    condition = Q(officers__user=user)
    scope = region_scope(user, region_field="region")
    if scope != NOTHING:
        condition |= scope
    return ResearchInstitution.objects.filter(
        pk__in=ResearchInstitution.objects.filter(condition).values("pk")
    )


@dataclass(frozen=True, slots=True)
class InstitutionFigures:
    """One institution's row of the report."""

    institution: ResearchInstitution
    listings: int
    enquiries: int
    passes: int
    by_stage: dict[str, int]
    invoiced: Decimal
    received: Decimal
    median_days_to_first_licence: float | None

    @property
    def arrears(self) -> Decimal:
        return self.invoiced - self.received


def _per_institution(rows: QuerySet, institution: str, figure: Aggregate) -> dict[int, Any]:
    """One figure per institution: `figure` over `rows` grouped by `institution`, the path to it."""
    return dict(rows.values(institution).annotate(figure=figure).values_list(institution, "figure"))


def transfer_report(user: User) -> list[InstitutionFigures]:
    """Per institution in the user's scope: the figures of technology transfer (a handful of grouped
    queries)."""
    institutions = list(institutions_for(user).select_related("region").order_by("name"))
    ids = [institution.pk for institution in institutions]
    listings = dict(
        ResearchInstitution.objects.filter(pk__in=ids)
        .annotate(n=Count("listings", filter=Q(listings__status=ListingStatus.PUBLISHED)))
        .values_list("pk", "n")
    )
    enquiries = _per_institution(
        Enquiry.objects.filter(listing__institution__in=ids), "listing__institution", Count("pk")
    )
    passes = _per_institution(
        ListingFeedback.objects.filter(listing__institution__in=ids), "listing__institution", Count("pk")
    )
    stages: dict[int, dict[str, int]] = {pk: dict.fromkeys(LicenceStatus.values, 0) for pk in ids}
    for institution, status, n in (
        Licence.objects.filter(listing__institution__in=ids)
        .values_list("listing__institution", "status")
        .annotate(n=Count("pk"))
    ):
        stages[institution][status] = n
    invoiced = _per_institution(
        Statement.objects.filter(licence__listing__institution__in=ids),
        "licence__listing__institution",
        Sum("amount_due"),
    )
    received = _per_institution(
        Payment.objects.filter(statement__licence__listing__institution__in=ids),
        "statement__licence__listing__institution",
        Sum("amount"),
    )
    days: dict[int, list[int]] = {pk: [] for pk in ids}
    firsts = (
        Licence.objects.filter(listing__institution__in=ids, listing__published_at__isnull=False)
        .exclude(status=LicenceStatus.OFFERED)
        .values("listing", "listing__institution", "listing__published_at")
        .annotate(first=Min("created_at"))
    )
    for row in firsts:
        days[row["listing__institution"]].append(
            max((row["first"] - row["listing__published_at"]) // timedelta(days=1), 0)
        )
    zero = Decimal("0.00")
    return [
        InstitutionFigures(
            institution=institution,
            listings=listings.get(institution.pk, 0),
            enquiries=enquiries.get(institution.pk, 0),
            passes=passes.get(institution.pk, 0),
            by_stage=stages[institution.pk],
            invoiced=to_fen(invoiced.get(institution.pk) or zero),
            received=to_fen(received.get(institution.pk) or zero),
            median_days_to_first_licence=median(days[institution.pk]) if days[institution.pk] else None,
        )
        for institution in institutions
    ]


def feedback_summary(user: User) -> list[tuple[str, str, int]]:
    """Why SMEs passed on the listings in the user's scope: (category, label, count), most frequent first."""

    rows = (
        ListingFeedback.objects.filter(listing__institution__in=institutions_for(user))
        .values_list("category")
        .annotate(n=Count("pk"))
        .order_by("-n")
    )
    labels = dict(FeedbackCategory.choices)
    return [(category, str(labels.get(category, category)), n) for category, n in rows]


def recommended_for(enterprise, *, limit: int = 10) -> list[SearchHit]:
    """Listings for an enterprise: matches for its technology needs in its own industry first, then any
    industry,
    then the newest listings of its industry division."""

    need = (
        TechnologyNeed.objects.filter(enterprise=enterprise).values_list("description", flat=True).first()
        or ""
    )
    division = enterprise.industry.division_id
    hits: list[SearchHit] = []
    if need:
        hits.extend(search(need, filters=SearchFilters(industry=division), page_size=limit).hits)
        hits.extend(search(need, page_size=limit).hits)
    seen: set[int] = set()
    unique = [hit for hit in hits if not (hit.listing.pk in seen or seen.add(hit.listing.pk))]
    if len(unique) < limit:
        newest = (
            PatentListing.objects.published()
            .filter(industries=division)
            .exclude(pk__in=seen)
            .select_related("institution")
            .order_by("-published_at")[: limit - len(unique)]
        )
        unique.extend(
            SearchHit(
                listing=listing,
                score=0.0,
                title=highlight(listing.title, []),
                snippet=highlight(listing.abstract[:120], []),
            )
            for listing in newest
        )
    return unique[:limit]
