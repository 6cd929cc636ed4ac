"""The figures officially reported, as dated reference data with their source (data/README.md)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True, slots=True)
class Reported:
    """One reported figure: its value, whether it is a floor ("over"), when and where it was reported."""

    value: int
    over: bool
    as_of: str
    source: str


@cache
def national() -> dict[str, Reported]:
    """The seed's national series by measure (srdi_and_little_giant, little_giant, service_institutions,
    municipal_coverage_percent)."""
    with (DATA_DIR / "official_figures.csv").open(encoding="utf-8") as handle:
        return {
            row["measure"]: Reported(
                value=int(row["value"]),
                over=row["qualifier"] == "over",
                as_of=row["as_of"] or row["as_of_note"],
                source=row["source"],
            )
            for row in csv.DictReader(handle)
        }


@cache
def little_giant_batches() -> dict[int, tuple[int, Reported]]:
    """Little giants reported per national batch: batch number -> (year announced, the reported count)."""
    with (DATA_DIR / "little_giant_batches.csv").open(encoding="utf-8") as handle:
        return {
            int(row["batch"]): (
                int(row["year_announced"]),
                Reported(
                    value=int(row["count_reported"]),
                    over=False,
                    as_of=row["year_announced"],
                    source=row["source"],
                ),
            )
            for row in csv.DictReader(handle)
        }


@cache
def little_giants_by_province() -> dict[str, dict[int, Reported]]:
    """Little giants reported for some provinces and batches (partial): province name -> batch -> count."""
    result: dict[str, dict[int, Reported]] = {}
    batches = little_giant_batches()
    with (DATA_DIR / "little_giant_province_counts_partial.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            batch = int(row["batch"])
            year = str(batches[batch][0]) if batch in batches else ""
            result.setdefault(row["province"], {})[batch] = Reported(
                value=int(row["count"]), over=False, as_of=year, source=row["source"]
            )
    return result
