"""The 2027 tracker (D18): how many little giants (or SRDI SMEs) of a jurisdiction stand at or above the goal
level, by region and year, the path to 100 % in 2027, and who is not there yet.

Read-only; every figure is summed in SQL over the level counts (`LevelCount`, kept with the level snapshot by
`digital.levels`), one grouped query for all years, so a page costs a fixed number of queries whatever the jurisdiction's size and
reads no other table. The level that counts for a year is the one entered from the MIIT platform
(AnnualFiling.digital_level) when there is one, else the provisional level of the enterprise's submitted
questionnaire of that year (D17).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce, Substr
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from littlegiant.accounts.jurisdiction import is_administrator, is_official, reviewer_region_paths
from littlegiant.digital.models import CountGrain, LevelCount, LevelSnapshot
from littlegiant.reference.models import Region

if TYPE_CHECKING:
    from littlegiant.accounts.models import User

# D18: "all little giants digitalised by 2027" counted as level >= 2; a parameter of the tracking, [U].
GOAL_LEVEL = 2
GOAL_YEAR = 2027
FIRST_YEAR = 2024
# The recognition app's tier codes, reached through the enterprise's `recognitions` relation (no import of
# that app: the apps are independent siblings).
LITTLE_GIANT, SRDI_SME = "little_giant", "srdi_sme"
TRACKED_TIERS = {LITTLE_GIANT: _("SRDI little giants"), SRDI_SME: _("SRDI SMEs")}
LEVELS = (1, 2, 3, 4)


def may_track(user: User) -> bool:
    """Officials with a reviewer jurisdiction and administrators may see the tracker."""
    return is_official(user)


def tracker_years(today: dt.date | None = None) -> list[int]:
    """The evaluation years the tracker shows: 2024 (the 2024 edition's first) to this year."""
    this_year = (today or timezone.localdate()).year
    return list(range(FIRST_YEAR, max(this_year, FIRST_YEAR) + 1))


def focus_regions(user: User) -> list[Region]:
    """The regions the user may look at as a whole: their assignments (none for the whole country)."""
    paths = reviewer_region_paths(user)
    if paths is None or is_administrator(user):
        return []
    return list(Region.objects.filter(path__in=paths).order_by("path"))


def resolve_focus(user: User, code: str) -> Region | None:
    """The region asked for, if inside the user's jurisdiction; else the user's own (None: whole country)."""
    paths = reviewer_region_paths(user)
    national = is_administrator(user) or paths is None
    region = Region.objects.filter(code=code).first() if code else None
    if region is not None and (national or any(region.path.startswith(p) for p in paths or [])):
        return region
    if national:
        return None
    own = focus_regions(user)
    return own[0] if own else None


def _valid_day(year: int, today: dt.date) -> dt.date:
    return min(dt.date(year, 12, 31), today)


def _held(year: int, today: dt.date) -> Q:
    """Snapshot rows of the year whose title is held on the year's last day (today, for this year)."""
    day = _valid_day(year, today)
    return Q(year=year, held_from__lte=day, held_until__gte=day)


def _within(focus: Region | None) -> Q:
    # The snapshot's copy of the enterprise's region path: the prefix filter `within_region` writes on
    # `region__path`, without the join.
    return Q() if focus is None else Q(region_path__startswith=focus.path)


def snapshot(tier: str, year: int, focus: Region | None, today: dt.date | None = None) -> QuerySet:
    """The level snapshot rows of the enterprises holding the tier's title on the year's last day (today for
    this year) in the focus: one per enterprise, with the level that counts (D17) and where it comes from."""
    return LevelSnapshot.objects.filter(_held(year, today or timezone.localdate()), _within(focus), tier=tier)


def _depth(focus: Region | None) -> int:
    """0 for the whole country, 1 for a province, 2 for a city, 3 for a county."""
    return 0 if focus is None else focus.path.count("/")


def _child_code_slice(focus: Region | None) -> tuple[int, int]:
    """Where the child region's code sits in a path: provinces at 1, cities at 8, counties at 15."""
    return (1 + 7 * min(_depth(focus), 2), 6)


def _grain(focus: Region | None) -> int:
    """The grain of counts that holds the focus's children: provinces for the country, cities for a province,
    counties below that."""
    return min(_depth(focus) + 1, CountGrain.COUNTY)


@dataclass(slots=True)
class Cell:
    """Counts for one region and year."""

    total: int = 0
    at_goal: int = 0
    by_level: dict[int, int] = field(default_factory=dict)
    no_level: int = 0

    @property
    def share(self) -> float | None:
        return round(100 * self.at_goal / self.total, 1) if self.total else None


@dataclass(slots=True)
class TrackerRow:
    code: str
    name: str
    cells: dict[int, Cell]


@dataclass(slots=True)
class Tracker:
    """The tracker of one tier in one focus region over the years."""

    tier: str
    focus: Region | None
    years: list[int]
    rows: list[TrackerRow]
    totals: dict[int, Cell]
    path: list[dict[str, object]]

    @property
    def latest(self) -> Cell:
        return self.totals[self.years[-1]]


def _cells(tier: str, years: list[int], focus: Region | None, today: dt.date) -> dict[int, dict[str, Cell]]:
    """Counts by year and child region: one grouped sum over the level counts kept at the children's grain (a
    few rows per child region)."""
    start, length = _child_code_slice(focus)
    held = Q()
    for year in years:
        held |= _held(year, today)

    def total(condition: Q | None = None) -> Coalesce:
        return Coalesce(Sum("enterprises", filter=condition), 0)

    rows = (
        LevelCount.objects.filter(held, _within(focus), tier=tier, grain=_grain(focus))
        .annotate(child=Substr("region_path", start, length))
        .values("year", "child")
        .annotate(
            total=total(),
            at_goal=total(Q(level__gte=GOAL_LEVEL)),
            no_level=total(Q(level=0)),
            **{f"l{n}": total(Q(level=n)) for n in LEVELS},
        )
        .order_by()
    )
    cells: dict[int, dict[str, Cell]] = {year: {} for year in years}
    for row in rows:
        if not row["total"]:
            continue  # only counts moved down to nothing
        cells[row["year"]][row["child"]] = Cell(
            total=row["total"],
            at_goal=row["at_goal"],
            no_level=row["no_level"],
            by_level={n: row[f"l{n}"] for n in LEVELS},
        )
    return cells


def _sum(cells: list[Cell]) -> Cell:
    total = Cell(by_level={n: 0 for n in LEVELS})
    for cell in cells:
        total.total += cell.total
        total.at_goal += cell.at_goal
        total.no_level += cell.no_level
        for n in LEVELS:
            total.by_level[n] += cell.by_level.get(n, 0)
    return total


def path_to_goal(totals: dict[int, Cell], years: list[int]) -> list[dict[str, object]]:
    """Year by year to 2027: the share reached, and the straight path from the latest share to 100 %."""
    latest_year = years[-1]
    latest = totals[latest_year].share or 0.0
    steps = max(GOAL_YEAR - latest_year, 0)
    rows: list[dict[str, object]] = []
    for year in range(years[0], GOAL_YEAR + 1):
        actual = totals[year].share if year in totals else None
        needed = None
        if year >= latest_year:
            needed = (
                100.0 if steps == 0 else round(latest + (100.0 - latest) * (year - latest_year) / steps, 1)
            )
        rows.append({"year": year, "share": actual, "needed": needed})
    return rows


def build(
    user: User, *, tier: str = LITTLE_GIANT, region_code: str = "", today: dt.date | None = None
) -> Tracker:
    """The tracker for the user's jurisdiction (or a region inside it): one grouped query for all years."""
    today = today or timezone.localdate()
    focus = resolve_focus(user, region_code)
    years = tracker_years(today)
    by_year = _cells(tier, years, focus, today)
    codes = sorted({code for cells in by_year.values() for code in cells})
    names = dict(Region.objects.filter(code__in=codes).values_list("code", "name"))
    rows = [
        TrackerRow(code, names.get(code, code), {year: by_year[year].get(code, Cell()) for year in years})
        for code in codes
    ]
    totals = {year: _sum(list(by_year[year].values())) for year in years}
    return Tracker(
        tier=tier, focus=focus, years=years, rows=rows, totals=totals, path=path_to_goal(totals, years)
    )


def not_there_yet(
    user: User, *, tier: str, year: int, focus: Region | None, today: dt.date | None = None
) -> QuerySet:
    """The tier's enterprises in the focus whose level that year is below the goal or unknown, weakest first."""
    # The same expressions as the indexes digital_snapshot_list (the whole country) and
    # digital_snapshot_area_list (inside a province: its code first), so the page is read in index order.
    rows = snapshot(tier, year, None, today)
    if focus is not None:
        # A path starts with its province's code: inside a province, the code alone is the focus (the path's
        # prefix as well would be counted twice in the planner's estimate, which then sorts the province's
        # rows instead of reading a page of them in index order); a city or county adds its prefix.
        rows = rows.annotate(province=Substr("region_path", 1, 6)).filter(province=focus.path[:6])
        if _depth(focus) > 1:
            rows = rows.filter(_within(focus))
    return (
        rows.annotate(rank=Coalesce("level", Value(0)))
        .filter(rank__lt=GOAL_LEVEL)
        .select_related("region")
        .order_by("tier", "year", "rank", "region_path", "name", "enterprise_id")
    )


def map_rows(board: Tracker, year: int) -> list[dict[str, object]]:
    """Per province, the year's share at or above the goal, for the map (only when the rows are provinces)."""
    if board.focus is not None and board.focus.level != "province":
        return []
    if board.focus is not None:
        cell = board.totals[year]
        return [
            {"code": board.focus.code, "name": board.focus.name, "value": cell.share, "total": cell.total}
        ]
    return [
        {"code": row.code, "name": row.name, "value": row.cells[year].share, "total": row.cells[year].total}
        for row in board.rows
        if row.cells[year].total
    ]


def chart_data(board: Tracker) -> dict[str, object]:
    """The path to 100 % in 2027 as two series for a line chart: reached, and needed."""
    return {
        "years": [row["year"] for row in board.path],
        "share": [row["share"] for row in board.path],
        "needed": [row["needed"] for row in board.path],
    }
