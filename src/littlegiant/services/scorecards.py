"""Per-institution scorecards (Neoserra's): requests received and served, median service-level timers,
satisfaction and the share of services given free, aggregated in SQL for a page of institutions at a time.

Timers: *time to first answer* runs from the moment a request reached the institution to its accept, decline,
transfer or referral; *time to resolution* from the moment it reached the institution to its closing there.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Aggregate, Avg, Count, FloatField, Q, QuerySet
from django.utils import timezone

from littlegiant.services.coverage import share
from littlegiant.services.models import (
    AssignmentOutcome,
    RequestAssignment,
    RequestStatus,
    ServiceInstitution,
    ServiceRating,
    ServiceRequest,
)

SQLITE_MEDIAN = "littlegiant_median"


class Median(Aggregate):
    """A column's median: PostgreSQL's percentile_cont; on SQLite an aggregate registered per connection."""

    name = "Median"
    function = "percentile_cont"
    template = "percentile_cont(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()

    def as_sqlite(self, compiler, connection, **extra_context):  # noqa: ANN001, ANN201
        return super().as_sql(
            compiler,
            connection,
            function=SQLITE_MEDIAN,
            template="%(function)s(%(expressions)s)",
            **extra_context,
        )


class SQLiteMedian:
    """SQLite has no percentile function: this aggregate (registered by the app) collects a group's values."""

    def __init__(self) -> None:
        self.values: list[float] = []

    def step(self, value: float | None) -> None:
        if value is not None:
            self.values.append(value)

    def finalize(self) -> float | None:
        return float(statistics.median(self.values)) if self.values else None


def register_sqlite_median(sender, connection, **kwargs) -> None:  # noqa: ANN001
    """Connection hook: give SQLite the median aggregate PostgreSQL has built in."""
    if connection.vendor == "sqlite":
        connection.connection.create_aggregate(SQLITE_MEDIAN, 1, SQLiteMedian)


@dataclass
class Scorecard:
    """One institution's figures."""

    institution: ServiceInstitution
    received: int = 0
    served: int = 0
    declined: int = 0
    median_answer_seconds: float | None = None
    median_resolution_seconds: float | None = None
    ratings: int = 0
    satisfaction: Decimal | None = None
    closed: int = 0
    closed_free: int = 0
    open_now: int = 0
    overdue_now: int = 0

    @property
    def free_share(self) -> Decimal | None:
        return share(self.closed_free, self.closed)

    @property
    def median_answer_hours(self) -> Decimal | None:
        return _hours(self.median_answer_seconds)

    @property
    def median_resolution_days(self) -> Decimal | None:
        if self.median_resolution_seconds is None:
            return None
        return (Decimal(str(self.median_resolution_seconds)) / 86400).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )


def _hours(seconds: float | None) -> Decimal | None:
    if seconds is None:
        return None
    return (Decimal(str(seconds)) / 3600).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def scorecards(institutions: Iterable[ServiceInstitution] | QuerySet[ServiceInstitution]) -> list[Scorecard]:
    """Scorecards for the given institutions, in their order: three grouped queries whatever their number.

    Each query is filtered by the institutions' ids before it groups, and reads a covering index (assignments
    by institution and outcome with both timers; requests by institution and status with the free flag and
    deadlines; ratings by institution and score), so a page costs the rows of its own institutions only.
    Passing a queryset (for exports) filters the grouped queries by a subquery instead of a list of ids.
    """
    if isinstance(institutions, QuerySet):
        selection = institutions.values("pk")
        institutions = list(institutions)
    else:
        institutions = list(institutions)
        selection = [institution.pk for institution in institutions]
    cards = {institution.pk: Scorecard(institution=institution) for institution in institutions}
    if not cards:
        return []

    # Counting the (non-null) institution column rather than the primary key keeps every column the queries
    # read inside their covering index, so PostgreSQL answers them with index-only scans.
    for row in (
        RequestAssignment.objects.filter(institution_id__in=selection)
        .values("institution_id")
        .annotate(
            received=Count("institution_id"),
            served=Count("institution_id", filter=Q(outcome=AssignmentOutcome.CLOSED)),
            declined=Count("institution_id", filter=Q(outcome=AssignmentOutcome.DECLINED)),
            answer=Median("response_seconds"),
            resolution=Median("resolution_seconds"),
        )
        .order_by()
    ):
        card = cards[row["institution_id"]]
        card.received, card.served, card.declined = row["received"], row["served"], row["declined"]
        card.median_answer_seconds, card.median_resolution_seconds = row["answer"], row["resolution"]

    for row in (
        ServiceRating.objects.filter(institution_id__in=selection)
        .values("institution_id")
        .annotate(n=Count("institution_id"), mean=Avg("score"))
        .order_by()
    ):
        card = cards[row["institution_id"]]
        card.ratings = row["n"]
        card.satisfaction = Decimal(str(row["mean"])).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    now = timezone.now()
    for row in (
        ServiceRequest.objects.filter(institution_id__in=selection)
        .values("institution_id")
        .annotate(
            closed=Count("institution_id", filter=Q(status=RequestStatus.CLOSED)),
            closed_free=Count("institution_id", filter=Q(status=RequestStatus.CLOSED, free_of_charge=True)),
            open_now=Count(
                "institution_id", filter=Q(status__in=[RequestStatus.ROUTED, RequestStatus.ACCEPTED])
            ),
            overdue_now=Count(
                "pk",
                filter=Q(status=RequestStatus.ROUTED, respond_by__lt=now)
                | Q(status=RequestStatus.ACCEPTED, resolve_by__lt=now),
            ),
        )
        .order_by()
    ):
        card = cards[row["institution_id"]]
        card.closed, card.closed_free = row["closed"], row["closed_free"]
        card.open_now, card.overdue_now = row["open_now"], row["overdue_now"]
    return [cards[institution.pk] for institution in institutions]
