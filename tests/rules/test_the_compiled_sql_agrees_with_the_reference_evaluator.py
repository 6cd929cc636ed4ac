"""Property: for random enterprises — unknown values, zero denominators, values on band edges — the compiled
SQL
(DuckDB) and the independent reference evaluator (plain Python, exact fractions) decide every pack alike, and
compute a calculation pack's amounts alike: exactly, and written out to the fen (decision D12)."""

import os
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from littlegiant.rules.assessment import evaluate_records
from littlegiant.rules.registry import registry
from littlegiant.rules.schema import FIELDS, FieldKind

WAN = 10_000
# Industry classes covering the 16 size industries.
INDUSTRY_CODES = ["0111", "3743", "4720", "5111", "5211", "5311", "5411", "5951", "6010", "6110", "6210", "6311",  # noqa: E501
                  "6511", "7010", "7020", "7111", "7310",
                  # and those the R&D super-deduction excludes (criteria.md §6.5), with their neighbours
                  "1610", "1511", "7211", "9011", "8910"]  # fmt: skip
# Tax years around 2023 (2023年第7号) and 2027 (2023年第44号, 第12号).
YEARS = [2021, 2022, 2023, 2024, 2027, 2028, 2030]


def money() -> st.SearchStrategy[Decimal | None]:
    # Round amounts land on band edges (3% of 1亿 is 300万); zero exercises decision D4.
    return st.one_of(
        st.none(),
        st.just(Decimal(0)),
        st.integers(0, 60_000).map(lambda n: Decimal(n * WAN)),
        st.integers(0, 10**11).map(lambda n: Decimal(n) / 100),
    )


def value_of(kind: FieldKind, choices: tuple[str, ...], name: str) -> st.SearchStrategy[object]:
    if name == "industry_code":
        return st.one_of(st.none(), st.sampled_from(INDUSTRY_CODES))
    if name == "year":
        return st.one_of(st.none(), st.sampled_from(YEARS))
    if name in ("net_profit", "taxable_income"):
        return st.one_of(money(), money().map(lambda v: None if v is None else -v))
    if name == "employees_avg":
        # 2023年第12号: at most 300 (a fractional average either side of it).
        return st.one_of(st.none(), st.sampled_from([Decimal(300), Decimal("300.5"), Decimal("299.75")]),
                         st.integers(0, 2400).map(lambda n: Decimal(n) / 4))  # fmt: skip
    if kind == FieldKind.MONEY:
        return money()
    if kind == FieldKind.BOOLEAN:
        return st.one_of(st.none(), st.booleans())
    if kind == FieldKind.ENUM:
        return st.one_of(st.none(), st.sampled_from(choices))
    if kind == FieldKind.FRACTION:
        return st.one_of(st.none(), st.integers(0, 100).map(lambda n: Decimal(n) / 100))
    if name == "digital_level":
        return st.one_of(st.none(), st.integers(1, 4))
    if name in ("local_indicator_score",):
        return st.one_of(st.none(), st.integers(0, 30).map(lambda n: Decimal(n) / 2))
    if name in ("development_eval_score", "development_eval_score_prev"):
        return st.one_of(st.none(), st.integers(0, 100).map(Decimal))
    if name in ("provincial_award_best_rank_3y", "national_award_best_rank_3y", "niche_market_rank_domestic"):
        return st.one_of(st.none(), st.integers(1, 8))
    if name == "niche_years":
        return st.one_of(st.none(), st.integers(0, 30).map(lambda n: Decimal(n) / 2))
    if name == "employees":
        return st.one_of(st.none(), st.just(0), st.integers(0, 2500))
    if kind == FieldKind.COUNT:
        return st.one_of(st.none(), st.integers(0, 60))
    return st.none()


enterprises = st.fixed_dictionaries(
    {
        f.name: value_of(f.kind, f.choices, f.name)
        for f in FIELDS
        if not f.identity or f.name in ("industry_code", "year")
    }  # noqa: E501
)


# 15 random batches locally; CI asks for more (`make test-sqlite` with CI=true: 200), cheap insurance that the two
# engines never drift apart.
@settings(
    max_examples=int(os.environ.get("LITTLEGIANT_PROPERTY_EXAMPLES", "15")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)
@given(st.lists(enterprises, min_size=1, max_size=40))
def test_every_pack_decides_alike_in_sql_and_in_python(batch: list[dict[str, object]]) -> None:
    """Outcome, score range, subtotals, every criterion (truth, points, band, value, zero flag) and every amount
    (exact, and as written out to the fen) agree."""
    ids = registry.ids()
    by_sql = evaluate_records(batch, ids, engine="sql")
    by_python = evaluate_records(batch, ids, engine="python")
    for record, sql, python in zip(batch, by_sql, by_python, strict=True):
        for pack_id in ids:
            assert sql[pack_id] == python[pack_id], (pack_id, record)
