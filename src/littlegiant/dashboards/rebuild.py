"""Rebuild the summary tables of `littlegiant.figures` from scratch, from the titles, requests and licences
themselves, with the same key functions the services use when they keep the tables up to date.

`littlegiant figures rebuild` runs it; the agreement test holds the kept tables to it.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from django.db import transaction
from django.db.models import Prefetch

from littlegiant.figures import services as figures
from littlegiant.figures.models import Tally, TitleCount
from littlegiant.recognition.models import ApplicationVersion, Recognition
from littlegiant.recognition.services import figures_key
from littlegiant.services.models import RequestAssignment, RequestStatus, ServiceRating, ServiceRequest
from littlegiant.services.services import request_figures_key
from littlegiant.techtransfer.models import Licence, ListingStatus, PatentListing, Payment
from littlegiant.techtransfer.services import listing_region

CHUNK = 2000


def title_counts() -> Counter:
    """Every title's key (with its revocation year) counted, from the recognitions."""
    counts: Counter = Counter()
    latest = ApplicationVersion.objects.order_by("application_id", "-number")
    titles = (
        # Enterprises' titles: a cluster's title (criteria.md §8) is not one of the three tiers counted here.
        Recognition.objects.filter(enterprise__isnull=False)
        .select_related("batch", "application__enterprise")
        .prefetch_related(Prefetch("application__versions", queryset=latest))
        .order_by("pk")
    )
    for title in titles.iterator(chunk_size=CHUNK):
        versions = list(title.application.versions.all())
        key = figures_key(title, versions[0] if versions else None)
        revoked_year = title.revoked_at.year if title.revoked_at else 0
        counts[(key, revoked_year)] += 1
    return counts


def tally_counts() -> dict[tuple[str, str, str, int], list]:
    """Every tally (measure, region, key, year) -> [count, amount], from the requests, listings and licences."""
    cells: dict[tuple[str, str, str, int], list] = {}

    def add(
        measure: str, region_id: str, key: str = "", year: int = 0, n: int = 1, amount: Decimal | int = 0
    ) -> None:
        cell = cells.setdefault((measure, region_id, key, year), [0, Decimal(0)])
        cell[0] += n
        cell[1] += amount

    first_routed = RequestAssignment.objects.select_related("institution").order_by("routed_at", "pk")
    requests = (
        ServiceRequest.objects.select_related("enterprise", "institution")
        .prefetch_related(Prefetch("assignments", queryset=first_routed))
        .order_by("pk")
    )
    for request in requests.iterator(chunk_size=CHUNK):
        # Filed: where the institution it was routed to on filing is (none: routed later or never); closed:
        # where the one that closed it is.
        assignments = list(request.assignments.all())
        on_filing = assignments[0] if assignments and assignments[0].routed_at == request.filed_at else None
        filed = request_figures_key(request, on_filing.institution if on_filing else None)
        add(figures.Measure.REQUESTS_FILED, filed["region_id"], filed["key"], filed["year"])
        if request.status == RequestStatus.CLOSED:
            closed = request_figures_key(request, request.institution)
            add(figures.Measure.REQUESTS_CLOSED, closed["region_id"], closed["key"], closed["year"])
    ratings = ServiceRating.objects.select_related("request__enterprise", "institution").order_by("pk")
    for rating in ratings.iterator(chunk_size=CHUNK):
        where = request_figures_key(rating.request, rating.institution)
        add(figures.Measure.RATINGS, where["region_id"], where["key"], where["year"], amount=rating.score)
    listings = PatentListing.objects.filter(status=ListingStatus.PUBLISHED).select_related("institution")
    for listing in listings.order_by("pk").iterator(chunk_size=CHUNK):
        add(figures.Measure.LISTINGS, listing_region(listing))
    for licence in (
        Licence.objects.select_related("listing__institution").order_by("pk").iterator(chunk_size=CHUNK)
    ):
        add(figures.Measure.LICENCES, listing_region(licence.listing), licence.status)
    payments = Payment.objects.select_related("statement__licence__listing__institution").order_by("pk")
    for payment in payments.iterator(chunk_size=CHUNK):
        add(
            figures.Measure.ROYALTIES,
            listing_region(payment.statement.licence.listing),
            year=payment.paid_on.year,
            n=1,
            amount=payment.amount,
        )
    return cells


def rebuild() -> dict[str, int]:
    """Replace the title counts and tallies with counts made from scratch, and count the register again."""
    titles = title_counts()
    cells = tally_counts()
    with transaction.atomic():
        TitleCount.objects.all().delete()
        rows: Counter = Counter()
        for (key, year), n in titles.items():
            for row in figures.title_rows(key, year):
                rows[tuple(sorted(row.items()))] += n
        TitleCount.objects.bulk_create(
            [TitleCount(**dict(row), n=n) for row, n in rows.items()], batch_size=CHUNK
        )
        Tally.objects.all().delete()
        Tally.objects.bulk_create(
            [
                Tally(measure=measure, region_id=region, key=key, year=year, n=n, amount=amount)
                for (measure, region, key, year), (n, amount) in cells.items()
            ],
            batch_size=CHUNK,
        )
        enterprises = figures.refresh_registry()
    return {"titles": sum(titles.values()), "tallies": len(cells), "enterprises": enterprises}
