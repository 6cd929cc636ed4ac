"""The dashboard's figures for one region (or the country), read from the summary tables of
`littlegiant.figures` within the viewer's jurisdiction: a bounded number of GROUP BY queries whatever the
size of the register, each grouped by region in SQL and placed into the child regions in Python.

A figure is a table (a header and rows of numbers), a chart made from the same rows, and the list behind it;
the page, the downloads and the API all read the same `Figure`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import QuerySet, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from littlegiant.accounts.jurisdiction import region_scope, sees_everywhere, within_region
from littlegiant.dashboards import official
from littlegiant.dashboards.titles import EVENTS, UNKNOWN_SIZE
from littlegiant.figures.models import RegionalRollup, RegistryCount, Tally, TitleCount
from littlegiant.figures.services import SIZE_CLASSES
from littlegiant.recognition.models import RecognitionBatch, Tier
from littlegiant.reference.models import IndustrySection, Region, RegionLevel
from littlegiant.services.coverage import coverage_of
from littlegiant.services.models import InstitutionLevel, ServiceCategory
from littlegiant.techtransfer.models import LicenceStatus

if TYPE_CHECKING:
    from littlegiant.accounts.models import User

TIERS: tuple[str, ...] = (Tier.INNOVATIVE_SME, Tier.SRDI_SME, Tier.LITTLE_GIANT)
SEGMENT = 7  # a region code and its slash


@dataclass
class Figure:
    """One figure: a table, the chart drawn from it, the list behind each row, and a source note."""

    key: str
    title: str
    header: list[str]
    rows: list[list[object]]
    chart: str = "bar"  # bar, stacked, funnel, map or none
    links: list[str] = field(default_factory=list)  # one per row ("" for none)
    note: str = ""
    codes: list[str] = field(default_factory=list)  # region codes of the rows, for the map
    # The list behind each number: per row, one link per column after the first ("" for none).
    cell_links: list[list[str]] = field(default_factory=list)

    def table(self) -> list[tuple[list[tuple[object, str]], str]]:
        """Each row's cells with the link to the list behind each, and the row's own link ("" for none)."""
        table = []
        for index, row in enumerate(self.rows):
            cells = self.cell_links[index] if index < len(self.cell_links) else []
            hrefs = ["", *cells] + [""] * len(row)
            table.append(
                (
                    [(cell, hrefs[column]) for column, cell in enumerate(row)],
                    self.links[index] if index < len(self.links) else "",
                )
            )
        return table

    def chart_data(self) -> dict[str, object]:
        """The rows as ECharts reads them: a category per row, a series per numeric column."""
        return {
            "kind": self.chart,
            "categories": [str(row[0]) for row in self.rows],
            "codes": self.codes,
            "series": [
                {"name": name, "data": [_number(row[index]) for row in self.rows]}
                for index, name in enumerate(self.header[1:], start=1)
            ],
        }


def _number(value: object) -> object:
    if isinstance(value, Decimal):
        return float(value)
    return value if isinstance(value, int | float) or value is None else str(value)


@dataclass
class Child:
    code: str
    name: str
    path: str
    drillable: bool


@dataclass
class Board:
    """Every figure of a region for a viewer (or the public), and the rows to drill into."""

    focus: Region | None
    children: list[Child]
    figures: dict[str, Figure]
    totals: dict[str, object]
    registry_counted_at: dt.datetime | None
    has_demo_rollup: bool
    public: bool = False


def _scoped(queryset: QuerySet, user: User | None, focus: Region | None) -> QuerySet:
    """The summary rows the viewer may count (None: the public, which sees aggregates of the whole country)."""
    if user is not None:
        queryset = queryset.filter(region_scope(user, region_field="region"))
    if focus is not None:
        queryset = queryset.filter(within_region(focus, region_field="region"))
    return queryset


_PATHS: dict[str, str] = {}


def region_paths() -> dict[str, str]:
    """Every region's path by code (3,200 rows of a standard), read once per process: summary rows are
    grouped by region code in SQL, without a join, and placed by path here."""
    if not _PATHS:
        _PATHS.update(Region.objects.values_list("code", "path"))
    return _PATHS


def children_of(focus: Region | None) -> list[Child]:
    """The regions one level below the focus (provinces for the country); counties cannot be drilled into."""
    if focus is None:
        regions = Region.objects.filter(level=RegionLevel.PROVINCE)
    else:
        regions = Region.objects.filter(parent=focus)
    return [
        Child(region.code, region.name, region.path, region.level != RegionLevel.COUNTY)
        for region in regions.order_by("code")
    ]


class _Placer:
    """Puts a region path into the child row of the focus it lies in ("" for the focus itself)."""

    def __init__(self, focus: Region | None, children: list[Child]) -> None:
        self.width = len(focus.path if focus else "") + SEGMENT
        self.by_path = {child.path: child for child in children}

    def __call__(self, path: str) -> str:
        key = path[: self.width]
        return key if key in self.by_path else ""


def valid_titles(queryset: QuerySet, day: dt.date) -> QuerySet:
    return queryset.filter(revoked_year=0, valid_from__lte=day, valid_until__gte=day)


def build_board(user: User | None, focus: Region | None, *, day: dt.date | None = None) -> Board:
    """The figures of `focus` (None: the country) within `user`'s jurisdiction; `user=None` is the public
    page, which gets the national aggregates only."""
    day = day or timezone.localdate()
    public = user is None
    children = children_of(focus)
    place = _Placer(focus, children)
    # The country is summed from the province-grain rows (34 regions), everything below from the region rows.
    national = focus is None and (public or sees_everywhere(user))
    grain = TitleCount.Grain.PROVINCE if national else TitleCount.Grain.REGION
    titles = _scoped(TitleCount.objects.filter(grain=grain), user, focus)
    valid = valid_titles(titles, day)
    figures: dict[str, Figure] = {}
    region_label = _("Region")
    tier_labels = [str(label) for value, label in Tier.choices if value in TIERS]

    # Valid titles by tier and child region -------------------------------------------------------------
    by_child: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(TIERS, 0))
    paths = region_paths()
    for row in valid.order_by().values("region_id", "tier").annotate(n=Sum("n")):
        by_child[place(paths.get(row["region_id"], ""))][row["tier"]] += row["n"] or 0
    rollups = list(
        _scoped(RegionalRollup.objects.select_related("region"), user, focus).order_by("region_id")
    )
    rollup_by_child: dict[str, RegionalRollup] = {}
    for rollup in rollups:
        rollup_by_child[place(rollup.region.path)] = rollup
    tier_totals = dict.fromkeys(TIERS, 0)
    rows, links, codes, cell_links = [], [], [], []
    for child in children:
        counts = by_child.get(child.path, dict.fromkeys(TIERS, 0))
        rollup = rollup_by_child.get(child.path)
        values = [counts[tier] + (getattr(rollup, tier) if rollup else 0) for tier in TIERS]
        for tier, value in zip(TIERS, values, strict=True):
            tier_totals[tier] += value
        if public and not any(values):
            continue
        rows.append([child.name, *values])
        codes.append(child.code)
        links.append("" if public else _titles_link(child.code))
        cell_links.append(["" if public else _titles_link(child.code, tier=tier) for tier in TIERS])
    own = by_child.get("")
    if own and any(own.values()):
        values = [own[tier] for tier in TIERS]
        for tier, value in zip(TIERS, values, strict=True):
            tier_totals[tier] += value
        rows.append([_("Attached to the region itself"), *values])
        codes.append(focus.code if focus else "")
        links.append("" if public else _titles_link(focus.code if focus else ""))
        cell_links.append(
            ["" if public else _titles_link(focus.code if focus else "", tier=t) for t in TIERS]
        )
    figures["titles_by_region"] = Figure(
        "titles_by_region",
        _("Valid titles by tier and region"),
        [region_label, *tier_labels],
        rows,
        chart="map" if focus is None and not public else "stacked",
        links=links,
        codes=codes,
        cell_links=cell_links,
        note=_("Demo roll-up rows are included and marked below.") if rollups else "",
    )

    # Valid titles by industry section and by size class ------------------------------------------------
    here = focus.code if focus else ""
    sections = dict(IndustrySection.objects.values_list("letter", "name"))
    by_section: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(TIERS, 0))
    by_size: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(TIERS, 0))
    for row in valid.order_by().values("section", "size_class", "tier").annotate(n=Sum("n")):
        if not row["n"]:
            continue  # a key whose titles were all revoked
        by_section[row["section"]][row["tier"]] += row["n"] or 0
        by_size[row["size_class"]][row["tier"]] += row["n"] or 0
    figures["titles_by_section"] = Figure(
        "titles_by_section",
        _("Valid titles by industry section (GB/T 4754-2017)"),
        [_("Industry section"), *tier_labels],
        [
            [f"{letter} {sections.get(letter, '')}".strip() if letter else _("Unknown"), *counts.values()]
            for letter, counts in sorted(by_section.items())
        ],
        chart="stacked",
        links=["" if public else _titles_link(here, section=letter) for letter in sorted(by_section)],
        cell_links=[
            ["" if public else _titles_link(here, section=letter, tier=tier) for tier in TIERS]
            for letter in sorted(by_section)
        ],
    )
    size_names = {
        "large": _("Large"),
        "medium": _("Medium"),
        "small": _("Small"),
        "micro": _("Micro"),
        "": _("Unknown"),
    }
    sizes = [size for size in (*SIZE_CLASSES, "") if size in by_size]
    figures["titles_by_size"] = Figure(
        "titles_by_size",
        _("Valid titles by size class (at recognition)"),
        [_("Size class"), *tier_labels],
        [[size_names[size], *by_size[size].values()] for size in sizes],
        chart="stacked",
        links=["" if public else _titles_link(here, size=size or UNKNOWN_SIZE) for size in sizes],
        cell_links=[
            ["" if public else _titles_link(here, size=size or UNKNOWN_SIZE, tier=tier) for tier in TIERS]
            for size in sizes
        ],
        note=_("The size class the engine gave the reviewed data of the application (2011 standard)."),
    )

    # The funnel ----------------------------------------------------------------------------------------
    registry = _scoped(RegistryCount.objects.all(), user, focus)
    registry_total = registry.aggregate(n=Sum("n"))["n"] or 0
    registry_total += sum(rollup.registry for rollup in rollups)
    counted_at = registry.order_by().values_list("counted_at", flat=True).first()
    funnel = [
        [_("Enterprises on the register"), registry_total],
        *[[label, tier_totals[tier]] for tier, label in zip(TIERS, tier_labels, strict=True)],
    ]
    figures["funnel"] = Figure(
        "funnel",
        _("From the register to little giants"),
        [_("Stage"), _("Enterprises")],
        funnel,
        chart="funnel",
        links=[]
        if public
        else [
            _enterprises_link(focus),
            *[_titles_link(focus.code if focus else "", tier=tier) for tier in TIERS],
        ],
    )

    # Recognitions, revocations and expiries by year ------------------------------------------------------
    # One scan grouped by batch, period and revocation year gives every count by year and batch: the titles
    # of a batch share their dates, so the groups are few however many titles there are.
    events: dict[int, dict[str, int]] = defaultdict(lambda: {"recognised": 0, "revoked": 0, "expired": 0})
    by_batch: dict[tuple[int, str], int] = defaultdict(int)
    little_giants_by_year: dict[int, int] = defaultdict(int)
    for row in (
        titles.order_by()
        .values("batch_id", "batch_year", "tier", "valid_until", "revoked_year")
        .annotate(n=Sum("n"))
    ):
        n = row["n"] or 0
        events[row["batch_year"]]["recognised"] += n
        by_batch[(row["batch_id"], row["tier"])] += n
        if row["tier"] == Tier.LITTLE_GIANT:
            little_giants_by_year[row["batch_year"]] += n
        if row["revoked_year"]:
            events[row["revoked_year"]]["revoked"] += n
        elif row["valid_until"] < day:
            events[row["valid_until"].year]["expired"] += n
    figures["events_by_year"] = Figure(
        "events_by_year",
        _("Recognitions, revocations and expiries by year"),
        [_("Year"), _("Recognised"), _("Revoked"), _("Expired")],
        [[year, *counts.values()] for year, counts in sorted(events.items())],
        chart="bar",
        cell_links=[
            ["" if public else _titles_link(here, year=str(year), event=event) for event in EVENTS]
            for year in sorted(events)
        ],
    )

    # By batch, with the reported national batches beside ours ------------------------------------------
    batches = RecognitionBatch.objects.in_bulk(list({batch_id for batch_id, _tier in by_batch}))

    def batch_order(item: tuple[tuple[int, str], int]) -> tuple[dt.date, int]:
        batch = batches.get(item[0][0])
        return (batch.decided_on if batch else dt.date.min, item[0][0])

    rows, links = [], []
    for (batch_id, tier), n in sorted(by_batch.items(), key=batch_order):
        if not n:
            continue
        links.append("" if public else _titles_link(here, batch=str(batch_id), tier=tier))
        batch = batches.get(batch_id)
        rows.append(
            [
                batch.title if batch else _("Batch %(n)s") % {"n": batch_id},
                batch.decided_on.isoformat() if batch else "",
                str(Tier(tier).label),
                n,
            ]
        )
    figures["recognitions_by_batch"] = Figure(
        "recognitions_by_batch",
        _("Recognitions by batch"),
        [_("Batch"), _("Decided on"), _("Tier"), _("Titles granted")],
        rows,
        chart="none",
        links=links,
    )
    if focus is None:
        ours_by_year = little_giants_by_year
        figures["little_giants_reported"] = Figure(
            "little_giants_reported",
            _("Little giants by national batch: reported and registered"),
            [_("Batch"), _("Year announced"), _("Reported"), _("Registered on the platform")],
            [
                [number, year, reported.value, ours_by_year.get(year, 0)]
                for number, (year, reported) in sorted(official.little_giant_batches().items())
            ],
            chart="bar",
            note=_("Reported: news and analysis reports named in data/little_giant_batches.csv."),
        )

    # Service network --------------------------------------------------------------------------------------
    if not public:
        coverage = coverage_of(focus, list_gaps=False)
        level_labels = [str(label) for _value, label in InstitutionLevel.choices]
        figures["institutions"] = Figure(
            "institutions",
            _("Service institutions by level and coverage"),
            [region_label, *level_labels, _("Cities covered (%)"), _("Counties covered (%)")],
            [
                [row.name, *row.level_counts(), row.prefecture_share, row.county_share]
                for row in coverage.rows
            ],
            chart="stacked",
            links=[reverse("services:coverage") + f"?region={row.code}" for row in coverage.rows],
        )
    else:
        coverage = coverage_of(None, list_gaps=False)
    tallies = _scoped(Tally.objects.all(), user, focus)
    by_measure: dict[tuple[str, str], list[Decimal | int]] = defaultdict(lambda: [0, Decimal(0)])
    royalties_by_year: dict[int, Decimal] = defaultdict(Decimal)
    for row in tallies.order_by().values("measure", "key", "year").annotate(n=Sum("n"), amount=Sum("amount")):
        cell = by_measure[(row["measure"], row["key"])]
        cell[0] += row["n"] or 0
        cell[1] += row["amount"] or 0
        if row["measure"] == Tally.Measure.ROYALTIES:
            royalties_by_year[row["year"]] += row["amount"] or 0
    where = f"&region={focus.code}" if focus else ""
    category_rows = []
    for value, label in ServiceCategory.choices:
        filed = by_measure.get((Tally.Measure.REQUESTS_FILED, value), [0, 0])[0]
        closed = by_measure.get((Tally.Measure.REQUESTS_CLOSED, value), [0, 0])[0]
        ratings = by_measure.get((Tally.Measure.RATINGS, value), [0, Decimal(0)])
        mean = (Decimal(ratings[1]) / ratings[0]).quantize(Decimal("0.01")) if ratings[0] else None
        if filed or closed:
            category_rows.append([str(label), filed, closed, mean])
    figures["requests_by_category"] = Figure(
        "requests_by_category",
        _("Service requests by category"),
        [_("Category"), _("Filed"), _("Closed"), _("Mean rating (1–5)")],
        category_rows,
        chart="bar",
        links=[]
        if public
        else [
            reverse("services:requests") + f"?category={value}{where}"
            for value, _l in ServiceCategory.choices
            if by_measure.get((Tally.Measure.REQUESTS_FILED, value), [0])[0]
            or by_measure.get((Tally.Measure.REQUESTS_CLOSED, value), [0])[0]
        ],
    )
    ratings_n = sum(cell[0] for (measure, _k), cell in by_measure.items() if measure == Tally.Measure.RATINGS)
    ratings_sum = sum(
        cell[1] for (measure, _k), cell in by_measure.items() if measure == Tally.Measure.RATINGS
    )

    # Technology transfer ---------------------------------------------------------------------------------
    listings = sum(cell[0] for (measure, _k), cell in by_measure.items() if measure == Tally.Measure.LISTINGS)
    figures["licences_by_stage"] = Figure(
        "licences_by_stage",
        _("Patent licences by stage"),
        [_("Stage"), _("Licences")],
        [
            [str(label), by_measure.get((Tally.Measure.LICENCES, value), [0])[0]]
            for value, label in LicenceStatus.choices
        ],
        chart="bar",
        links=[]
        if public
        else [
            reverse("techtransfer:licences") + f"?status={value}{where}"
            for value, _l in LicenceStatus.choices
        ],
    )
    figures["royalties_by_year"] = Figure(
        "royalties_by_year",
        _("Royalties paid by year (yuan)"),
        [_("Year"), _("Royalties paid")],
        [[year, amount] for year, amount in sorted(royalties_by_year.items())],
        chart="bar",
    )

    totals: dict[str, object] = {
        "registry": registry_total,
        **{tier: tier_totals[tier] for tier in TIERS},
        "srdi_and_little_giant": tier_totals[Tier.SRDI_SME] + tier_totals[Tier.LITTLE_GIANT],
        "institutions": coverage.total.institutions if focus is None or not public else None,
        "municipal_coverage": coverage.total.prefecture_share,
        "county_coverage": coverage.total.county_share,
        "requests": sum(cell[0] for (m, _k), cell in by_measure.items() if m == Tally.Measure.REQUESTS_FILED),
        "satisfaction": (Decimal(ratings_sum) / ratings_n).quantize(Decimal("0.01")) if ratings_n else None,
        "listings": listings,
        "licences": sum(cell[0] for (m, _k), cell in by_measure.items() if m == Tally.Measure.LICENCES),
        "royalties": sum(royalties_by_year.values(), Decimal(0)),
    }
    return Board(
        focus=focus,
        children=children,
        figures=figures,
        totals=totals,
        registry_counted_at=counted_at,
        has_demo_rollup=bool(rollups),
        public=public,
    )


def official_beside(board: Board) -> list[dict[str, object]]:
    """The reported national figures next to the platform's own, where both exist (the country only)."""
    if board.focus is not None:
        return []
    reported = official.national()
    pairs = [
        (
            "srdi_and_little_giant",
            _("SRDI SMEs (including little giants)"),
            board.totals["srdi_and_little_giant"],
        ),
        ("little_giant", _("Little giants"), board.totals[Tier.LITTLE_GIANT]),
        ("service_institutions", _("Public service institutions for SMEs"), board.totals["institutions"]),
        (
            "municipal_coverage_percent",
            _("Coverage at municipal level and above (%)"),
            board.totals["municipal_coverage"],
        ),
    ]
    return [
        {
            "key": key,
            "label": label,
            "reported": reported[key].value,
            "over": reported[key].over,
            "as_of": reported[key].as_of,
            "source": reported[key].source,
            "ours": ours,
        }
        for key, label, ours in pairs
        if key in reported
    ]


def _titles_link(region_code: str, **filters: str) -> str:
    query = "&".join(f"{name}={value}" for name, value in {"region": region_code, **filters}.items() if value)
    return reverse("dashboards:titles") + (f"?{query}" if query else "")


def _enterprises_link(focus: Region | None) -> str:
    return reverse("enterprises:list") + (f"?region={focus.code}" if focus else "")
