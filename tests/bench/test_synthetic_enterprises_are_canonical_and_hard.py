"""bench/synthetic.py: the benchmark's input is valid canonical data, reproducible, and full of band edges."""

from decimal import Decimal

import pyarrow.parquet as pq
import pytest
from synthetic import write_enterprises

from littlegiant.identifiers import check_credit_code
from littlegiant.rules.schema import COLUMN_NAMES

ROWS = 20_000


@pytest.fixture(scope="module")
def enterprises(tmp_path_factory):
    path = write_enterprises(tmp_path_factory.mktemp("bench") / "enterprises.parquet", ROWS, seed=7)
    return pq.read_table(path)


def test_it_has_exactly_the_canonical_columns(enterprises):
    assert enterprises.column_names == list(COLUMN_NAMES)
    assert enterprises.num_rows == ROWS


def test_every_credit_code_is_valid_and_distinct(enterprises):
    codes = enterprises.column("credit_code").to_pylist()
    assert len(set(codes)) == ROWS
    for code in codes:
        assert check_credit_code(code) == code


def test_the_same_seed_gives_the_same_file(enterprises, tmp_path):
    again = pq.read_table(write_enterprises(tmp_path / "again.parquet", ROWS, seed=7))
    assert again.equals(enterprises)


def test_it_puts_enterprises_exactly_on_band_edges(enterprises):
    rows = enterprises.select(
        ["main_business_revenue", "main_business_revenue_prev", "total_liabilities", "total_assets"]
    ).to_pylist()
    growth_15 = [
        r
        for r in rows
        if r["main_business_revenue_prev"]
        and r["main_business_revenue"] is not None
        and r["main_business_revenue"] == r["main_business_revenue_prev"] * Decimal("1.15")
    ]
    debt_55 = [
        r
        for r in rows
        if r["total_assets"]
        and r["total_liabilities"] is not None
        and r["total_liabilities"] == r["total_assets"] * Decimal("0.55")
    ]
    assert growth_15, "no enterprise grew by exactly 15%"
    assert debt_55, "no enterprise has a debt ratio of exactly 55%"


def test_revenue_sits_one_yuan_below_a_size_floor(enterprises):
    revenues = set(enterprises.column("operating_revenue").to_pylist())
    assert Decimal("19999999.00") in revenues  # float32 reads this as 20,000,000: the industrial medium floor


def test_it_has_unknown_values_and_zero_denominators(enterprises):
    assert enterprises.column("operating_revenue").null_count > 0
    assert enterprises.column("employees").null_count > 0
    assert Decimal("0.00") in set(enterprises.column("main_business_revenue_prev").to_pylist())
