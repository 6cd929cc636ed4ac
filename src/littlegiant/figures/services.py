"""Keeping the summary tables: one call from each service that changes a title, a request or a licence, made
inside that service's transaction so the figures move with the change or not at all.

The callers sit above this app (recognition, services, techtransfer), so they hand over plain keys; the
rebuild (`littlegiant.dashboards.rebuild`) derives the same keys from the same functions of those apps.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from decimal import Decimal

from django.db import IntegrityError, models, transaction
from django.db.models import Count, F
from django.utils import timezone

from littlegiant.enterprises.models import Enterprise
from littlegiant.figures.models import RegistryCount, Tally, TitleCount
from littlegiant.reference.models import IndustryDivision, Region
from littlegiant.rules.pack import SIZE_OUTCOMES as SIZE_CLASSES
from littlegiant.rules.pack import SIZE_PACK_ID

Measure = Tally.Measure


@dataclass(frozen=True, slots=True)
class TitleKey:
    """Where a title counts: its region, industry section, size class, tier, batch and period of validity."""

    region_id: str
    section: str
    size_class: str
    tier: str
    batch_id: int
    batch_year: int
    valid_from: dt.date
    valid_until: dt.date


_SECTIONS: dict[str, str] = {}


def _sections() -> dict[str, str]:
    # Read once per process (97 rows of a standard); not cached while empty, as after a test's flush.
    if not _SECTIONS:
        _SECTIONS.update(IndustryDivision.objects.values_list("code", "section_id"))
    return _SECTIONS


def section_of(industry_code: str | None) -> str:
    """The GB/T 4754 section letter (A–T) of an industry class code; empty when unknown."""
    if not industry_code:
        return ""
    return _sections().get(industry_code[:2], "")


def size_class_of(explanations: dict | None) -> str:
    """The size class the engine gave the reviewed data (the size pack's outcome); empty when it could not say."""
    outcome = ((explanations or {}).get(SIZE_PACK_ID) or {}).get("outcome", "")
    return outcome if outcome in SIZE_CLASSES else ""


def _bump(model: type[models.Model], key: dict[str, object], **deltas: object) -> None:
    """Add `deltas` to the row of `key`, creating it; safe against a concurrent creator (unique key)."""
    changes = {name: F(name) + value for name, value in deltas.items()}
    with transaction.atomic():
        if model.objects.filter(**key).update(**changes):
            return
        try:
            with transaction.atomic():
                model.objects.create(**key, **deltas)
        except IntegrityError:
            model.objects.filter(**key).update(**changes)


_PROVINCES: dict[str, str] = {}


def province_of(region_id: str) -> str:
    """The province code of a region (read once per process; not cached while empty, as after a flush)."""
    if not _PROVINCES:
        _PROVINCES.update(Region.objects.values_list("code", "province_code"))
    return _PROVINCES[region_id]


def title_rows(key: TitleKey, revoked_year: int) -> list[dict[str, object]]:
    """The summary rows one title counts in: its region's and its province's (the rebuild uses this too)."""
    row = {**asdict(key), "revoked_year": revoked_year}
    return [
        {**row, "grain": TitleCount.Grain.REGION},
        {**row, "grain": TitleCount.Grain.PROVINCE, "region_id": province_of(key.region_id)},
    ]


def title_granted(key: TitleKey) -> None:
    """A title was granted (recognition decision)."""
    for row in title_rows(key, 0):
        _bump(TitleCount, row, n=1)


def title_revoked(key: TitleKey, *, year: int) -> None:
    """A granted title was revoked in `year`: it leaves the unrevoked rows for the rows of that year."""
    for row in title_rows(key, 0):
        _bump(TitleCount, row, n=-1)
    for row in title_rows(key, year):
        _bump(TitleCount, row, n=1)


def tally(
    measure: str, *, region_id: str, key: str = "", year: int = 0, n: int = 1, amount: Decimal | int = 0
) -> None:
    """Count `n` (and add `amount`) to a measure of a region: a request filed, a licence entering a stage..."""
    _bump(Tally, {"measure": measure, "region_id": region_id, "key": key, "year": year}, n=n, amount=amount)


def licence_moved(*, region_id: str, from_stage: str, to_stage: str) -> None:
    """A licence left one stage for another (either may be empty: entering or leaving the count)."""
    if from_stage == to_stage:
        return
    if from_stage:
        tally(Tally.Measure.LICENCES, region_id=region_id, key=from_stage, n=-1)
    if to_stage:
        tally(Tally.Measure.LICENCES, region_id=region_id, key=to_stage, n=1)


def refresh_registry() -> int:
    """Count the register again by region and industry section (one GROUP BY); returns the enterprises counted.

    The register's imports sit below this app and cannot call it, so its figure is refreshed, not kept: the
    dashboards say when it was counted.
    """
    now = timezone.now()
    rows = (
        Enterprise.objects.order_by()
        .values("region_id", "industry__division__section_id")
        .annotate(n=Count("pk"))
    )
    counts = [
        RegistryCount(
            region_id=row["region_id"],
            section=row["industry__division__section_id"] or "",
            n=row["n"],
            counted_at=now,
        )
        for row in rows
    ]
    with transaction.atomic():
        RegistryCount.objects.all().delete()
        RegistryCount.objects.bulk_create(counts, batch_size=2000)
    return sum(count.n for count in counts)
