"""Coverage of the service network: which cities and counties have an institution, per region, counted in SQL.

Definitions (shown on the coverage page and checked by the tests):

- A prefecture-level city is *covered at municipal level and above* when an active institution is attached
  to the city itself (its region is the prefecture node). Only municipal institutions are attached to cities:
  provincial institutions are attached to the province and the national centre to the whole country, so they
  cover no city.
- A county-level unit is *covered* when an active institution is attached to the county itself (a county-level
  institution). A municipal institution does not make its counties covered: the gap the network reports is the
  county that has no institution of its own.
- The four municipalities directly under the central government have no prefecture-level cities: their
  counties count, their city coverage is shown as not applicable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import Substr

from littlegiant.reference.models import Region, RegionLevel
from littlegiant.services.models import (
    InstitutionLevel,
    RequestStatus,
    ServiceInstitution,
    ServiceRating,
    ServiceRequest,
)

COUNTRY_PATH = ""
SEGMENT = 7  # a region code and its slash, "330100/"


def share(part: int, whole: int) -> Decimal | None:
    """A percentage with one decimal, exact (no float rounding); None when there is nothing to cover."""
    if whole == 0:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class CoverageRow:
    """Coverage of one region: its cities and counties, how many have an institution, and by level."""

    code: str
    name: str
    level: str
    prefectures: int = 0
    prefectures_covered: int = 0
    counties: int = 0
    counties_covered: int = 0
    by_level: dict[str, int] = field(default_factory=dict)
    requests: int = 0
    closed: int = 0
    ratings: int = 0
    rating_total: int = 0

    @property
    def satisfaction(self) -> Decimal | None:
        """Mean rating (1–5) of the requests closed by institutions in this region."""
        if not self.ratings:
            return None
        return (Decimal(self.rating_total) / self.ratings).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    @property
    def prefecture_share(self) -> Decimal | None:
        return share(self.prefectures_covered, self.prefectures)

    @property
    def county_share(self) -> Decimal | None:
        return share(self.counties_covered, self.counties)

    @property
    def institutions(self) -> int:
        return sum(self.by_level.values())

    def level_counts(self) -> list[int]:
        """Institution counts in the order national, provincial, municipal, county (for tables)."""
        return [self.by_level.get(level, 0) for level in InstitutionLevel.values]

    def add(self, other: CoverageRow) -> None:
        self.prefectures += other.prefectures
        self.prefectures_covered += other.prefectures_covered
        self.counties += other.counties
        self.counties_covered += other.counties_covered
        for level, count in other.by_level.items():
            self.by_level[level] = self.by_level.get(level, 0) + count
        self.requests += other.requests
        self.closed += other.closed
        self.ratings += other.ratings
        self.rating_total += other.rating_total


@dataclass
class Coverage:
    """Coverage of a region (or the country) broken down one level below it."""

    focus: Region | None
    total: CoverageRow
    rows: list[CoverageRow]
    uncovered_prefectures: list[Region]
    uncovered_counties: list[Region]
    has_synthetic: bool


def _children(focus: Region | None) -> list[Region]:
    if focus is None:
        # Provinces with no county-level data (Taiwan, Hong Kong, Macao) have nothing to cover.
        return list(
            Region.objects.filter(
                level=RegionLevel.PROVINCE,
                code__in=Region.objects.filter(level=RegionLevel.COUNTY).values("province_code"),
            )
        )
    return list(Region.objects.filter(parent=focus))


@dataclass
class _Placed:
    """An active institution: its level, its region and the child row of the view that region lies in."""

    pk: int
    level: str
    region_id: str | None
    region_level: str | None
    child: str | None
    is_synthetic: bool


def _place_institutions(institutions, width: int) -> list[_Placed]:  # noqa: ANN001
    """The view's active institutions in one query (2,000 rows for the country), placed in Python."""
    return [
        _Placed(pk, level, region_id, region_level, path[:width] if path is not None else None, synthetic)
        for pk, level, region_id, region_level, path, synthetic in institutions.order_by().values_list(
            "pk", "level", "region_id", "region__level", "region__path", "is_synthetic"
        )
    ]


def _add_performance(
    rows: dict[str, CoverageRow], total: CoverageRow, placed: list[_Placed], *, whole_country: bool
) -> None:
    """Requests handled, closed and rated by the institutions of each row's region.

    Grouped by institution first (index-only scans of the (institution, status) and (institution, score)
    indexes on PostgreSQL), then summed into regions: a few thousand institutions at most, however many
    requests there are.
    """
    child_of = {institution.pk: institution.child for institution in placed}
    requests = ServiceRequest.objects.filter(institution__isnull=False)
    ratings = ServiceRating.objects.all()
    if not whole_country:
        # Inside a province or city: the few hundred institutions there, by their index.
        requests = requests.filter(institution_id__in=list(child_of))
        ratings = ratings.filter(institution_id__in=list(child_of))
    # Counting indexed columns only lets PostgreSQL answer from the indexes without reading the tables.
    for row in (
        requests.values("institution_id")
        .annotate(
            n=Count("institution_id"), closed=Count("institution_id", filter=Q(status=RequestStatus.CLOSED))
        )
        .order_by()
    ):
        if row["institution_id"] not in child_of:
            continue  # an inactive institution
        target = rows.get(child_of[row["institution_id"]] or "", total)
        target.requests += row["n"]
        target.closed += row["closed"]
    for row in (
        ratings.values("institution_id").annotate(n=Count("institution_id"), points=Sum("score")).order_by()
    ):
        if row["institution_id"] not in child_of:
            continue
        target = rows.get(child_of[row["institution_id"]] or "", total)
        target.ratings += row["n"]
        target.rating_total += row["points"]


def coverage_of(focus: Region | None, *, list_gaps: bool = True) -> Coverage:
    """Coverage of a province, a city or (None) the whole country, one row per region directly below it.

    A bounded number of queries whatever the size of the network: regions are grouped in SQL by the path of
    the child region they lie in; the active institutions are read once and placed in Python; requests and
    ratings are counted per institution on their indexes.
    """
    prefix = focus.path if focus is not None else COUNTRY_PATH
    width = len(prefix) + SEGMENT
    children = _children(focus)
    rows = {
        child.path: CoverageRow(code=child.code, name=child.name, level=child.level) for child in children
    }

    regions = Region.objects.filter(level__in=[RegionLevel.PREFECTURE, RegionLevel.COUNTY])
    institutions = ServiceInstitution.objects.filter(is_active=True)
    if focus is not None:
        regions = regions.filter(path__startswith=prefix)
        institutions = institutions.filter(region__path__startswith=prefix)

    for row in (
        regions.annotate(child=Substr("path", 1, width))
        .values("child", "level")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        target = rows.get(row["child"])
        if target is None:
            continue
        if row["level"] == RegionLevel.PREFECTURE:
            target.prefectures = row["n"]
        else:
            target.counties = row["n"]

    total = CoverageRow(
        code=focus.code if focus else "", name=focus.name if focus else "", level=focus.level if focus else ""
    )
    placed = _place_institutions(institutions, width)
    covered: dict[tuple[str, str], set[str]] = {}
    for institution in placed:
        target = rows.get(institution.child or "")
        if target is None:
            # Attached to the focus itself (a provincial institution in a province view) or to the country.
            total.by_level[institution.level] = total.by_level.get(institution.level, 0) + 1
            continue
        target.by_level[institution.level] = target.by_level.get(institution.level, 0) + 1
        if institution.region_level in (RegionLevel.PREFECTURE, RegionLevel.COUNTY):
            key = (institution.child, institution.region_level)
            covered.setdefault(key, set()).add(institution.region_id)
    for (child, region_level), attached in covered.items():
        if region_level == RegionLevel.PREFECTURE:
            rows[child].prefectures_covered = len(attached)
        else:
            rows[child].counties_covered = len(attached)
    _add_performance(rows, total, placed, whole_country=focus is None)
    ordered = [rows[child.path] for child in children]
    for row in ordered:
        total.add(row)
    if focus is not None and focus.level == RegionLevel.PREFECTURE:
        total.prefectures = 1
        total.prefectures_covered = int(any(institution.region_id == focus.code for institution in placed))

    uncovered_prefectures: list[Region] = []
    uncovered_counties: list[Region] = []
    if list_gaps and focus is not None:
        attached = ServiceInstitution.objects.filter(is_active=True, region__isnull=False).values("region_id")
        uncovered_prefectures = list(
            Region.objects.filter(level=RegionLevel.PREFECTURE, path__startswith=prefix).exclude(
                code__in=attached
            )
        )
        uncovered_counties = list(
            Region.objects.filter(level=RegionLevel.COUNTY, path__startswith=prefix)
            .exclude(code__in=attached)
            .select_related("parent")
        )
    return Coverage(
        focus=focus,
        total=total,
        rows=ordered,
        uncovered_prefectures=uncovered_prefectures,
        uncovered_counties=uncovered_counties,
        has_synthetic=any(institution.is_synthetic for institution in placed),
    )
