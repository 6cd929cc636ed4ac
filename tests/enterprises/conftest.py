"""Files to import, written the way people write them: a header of canonical names, then rows."""

from __future__ import annotations

import csv
import io

import pytest

from littlegiant.identifiers import make_credit_code
from littlegiant.rules.schema import FILING_COLUMNS
from tests.cast import COUNTY_A, COUNTY_B, good_filing_values

GAMMA_CODE = make_credit_code("91", COUNTY_A, "MA3G9N2P")
DELTA_CODE = make_credit_code("91", COUNTY_B, "MA4D7Q1R")


def filing_row(credit_code: str = GAMMA_CODE, **changes: object) -> dict[str, object]:
    """A good row for a new Hangzhou enterprise, year 2025, with every column filled."""
    row: dict[str, object] = {
        "credit_code": credit_code,
        "name": "杭州伽马精密机械有限公司",
        "region_code": COUNTY_A,
        "industry_code": "3484",
        "year": 2025,
        **good_filing_values(),
    }
    row.update(changes)
    return row


def csv_bytes(rows: list[dict[str, object]], columns: list[str] | None = None, *, bom: bool = False) -> bytes:
    """A CSV file as Excel's "CSV UTF-8" writes it (with bom=True) or as a script writes it."""
    columns = (
        columns
        or [name for name in FILING_COLUMNS if any(name in row for row in rows)]
        or list(FILING_COLUMNS)
    )
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(name)) for name in columns])
    return ("\ufeff" if bom else "").encode() + text.getvalue().encode()


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


@pytest.fixture
def import_csv():
    """Import CSV rows as a person (None: the operator at the command line); returns the report."""
    from littlegiant.enterprises.importing import import_filings

    def run(rows, *, by=None, columns=None, dry_run=False, raw: bytes | None = None, name="filings.csv"):
        data = raw if raw is not None else csv_bytes(rows, columns)
        return import_filings(io.BytesIO(data), name, by=by, dry_run=dry_run)

    return run


def problems_of(report) -> list[tuple[int, str, str]]:
    return [(p.row, p.column, p.problem) for p in report.problems]
