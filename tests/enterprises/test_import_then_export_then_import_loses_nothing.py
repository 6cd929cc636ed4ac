"""Export writes the import format: import → export → import gives identical data, in CSV and in XLSX."""

import io
from decimal import Decimal

import pytest

from littlegiant.enterprises.exporting import export_filings
from littlegiant.enterprises.importing import import_filings
from littlegiant.enterprises.models import AnnualFiling, Enterprise
from littlegiant.identifiers import make_credit_code
from littlegiant.rules.schema import DATA_FIELDS
from tests.enterprises.conftest import DELTA_CODE, filing_row

pytestmark = pytest.mark.django_db


def _snapshot() -> list[tuple]:
    return list(
        AnnualFiling.objects.order_by("enterprise__credit_code", "year").values_list(
            "enterprise__credit_code",
            "enterprise__name",
            "enterprise__region_id",
            "enterprise__industry_id",
            "year",
            *DATA_FIELDS,
        )
    )


def _tricky_rows() -> list[dict]:
    return [
        filing_row(),  # every column filled
        filing_row(
            year=2024,
            net_profit="-1234567.89",
            operating_revenue="1234567890123.45",
            national_niche_market_share="0.123457",
            niche_years="2.125",
            own_brand="否",
            employees="",
            quality_system_certified="",
        ),
        # An agriculture class with a leading zero, and a mostly-unknown filing.
        {
            "credit_code": DELTA_CODE,
            "name": "宁波德尔塔农业有限公司",
            "region_code": "330212",
            "industry_code": "0111",
            "year": 2025,
            "main_product_chain_role": "none",
            "digital_level": 4,
            "local_indicator_score": "14.875",
            "total_assets": "0.01",
            "restricted_industry": "0",
        },
        # 15 significant digits: the most SQLite keeps exactly (it stores decimals as binary floats).
        filing_row(
            make_credit_code("91", "330106", "MA7T6R5E"),
            name="杭州大数公司",
            operating_revenue="9999999999999.99",
            development_eval_score="99.999",
        ),
    ]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_round_trip_is_lossless(import_csv, file_format):
    assert import_csv(_tricky_rows()).ok
    first = _snapshot()
    assert first[0][5 + DATA_FIELDS.index("net_profit")] == Decimal("-1234567.89")

    exported = io.BytesIO()
    assert export_filings(exported, file_format, by=None) == 4
    # Wipe every value (as unknown) and every name, then let the exported file put them all back.
    AnnualFiling.objects.update(**dict.fromkeys(DATA_FIELDS))
    Enterprise.objects.update(name="wiped", industry_id="3973", region_id="330102")
    assert _snapshot() != first
    report = import_filings(io.BytesIO(exported.getvalue()), f"again.{file_format}", by=None)
    assert report.ok, report.problems
    assert (report.enterprises_updated, report.filings_updated) == (3, 4)
    assert _snapshot() == first

    again = io.BytesIO()
    export_filings(again, file_format, by=None)
    if file_format == "csv":
        assert again.getvalue() == exported.getvalue()


def test_the_exported_csv_has_the_canonical_header_and_plain_values(import_csv):
    assert import_csv(_tricky_rows()[2:3]).ok
    out = io.BytesIO()
    export_filings(out, "csv", by=None)
    text = out.getvalue().decode("utf-8-sig").splitlines()
    assert text[0].startswith("credit_code,name,region_code,industry_code,year,employees,")
    row = dict(zip(text[0].split(","), text[1].split(","), strict=True))
    assert (row["industry_code"], row["employees"], row["total_assets"], row["restricted_industry"]) == (
        "0111",
        "",
        "0.01",
        "false",
    )
