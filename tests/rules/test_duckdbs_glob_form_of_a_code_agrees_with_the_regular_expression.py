"""DuckDB's value guard checks the industry and region codes with GLOB patterns, the other checks (and
Spark) with regular expressions: both forms judge every value alike."""

import duckdb
import pytest

from littlegiant.rules.records import bad_sql
from littlegiant.rules.schema import FIELDS_BY_NAME

VALUES = [
    "330106", "33010", "3301066", "a30106", "33 106", "３３０１０６", "٣٣٠١٠٦", "33010x",
    "7010", "12", "123", "12345", "1a", "ab", "*", "??", "[0-9]", "0000", "99", "00",
]  # fmt: skip


@pytest.mark.parametrize("name", ["industry_code", "region_code"])
def test_glob_and_regular_expression_agree(name: str) -> None:
    field = FIELDS_BY_NAME[name]
    judged = duckdb.execute(
        f"SELECT v, {bad_sql(field, 'v', glob=True)}, {bad_sql(field, 'v')} FROM unnest(?::VARCHAR[]) AS t(v)",
        [VALUES],
    ).fetchall()
    assert [(value, by_glob) for value, by_glob, _ in judged] == [
        (value, by_regex) for value, _, by_regex in judged
    ]
    assert any(bad for _, bad, _ in judged) and not all(bad for _, bad, _ in judged)
