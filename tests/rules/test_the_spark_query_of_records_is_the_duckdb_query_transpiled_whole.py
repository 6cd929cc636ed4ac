"""The Spark engine writes the records' rows straight into Spark's dialect over a query transpiled once per
pack; the result must be the very SQL that transpiling the whole DuckDB query (records included) gives."""

from decimal import Decimal

import pytest

from littlegiant.rules.compiler import column_type, compile_packs, quote
from littlegiant.rules.records import coerce_record
from littlegiant.rules.registry import registry
from littlegiant.rules.schema import FIELDS
from littlegiant.rules.spark import records_query
from littlegiant.rules.spark_sql import to_spark
from tests.rules.sample import qualifying_enterprise


def _duckdb_literal(name: str, value: object) -> str:
    if value is None:
        return f"CAST(NULL AS {column_type(name)})"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    return f"CAST('{value}' AS {column_type(name)})"


def _transpiled_whole(pack_id: str, typed: list[dict[str, object]]) -> str:
    compiled = compile_packs(registry.with_dependencies([pack_id], None))
    rows = ", ".join(
        "(" + ", ".join([*(_duckdb_literal(f.name, record[f.name]) for f in FIELDS), str(index)]) + ")"
        for index, record in enumerate(typed)
    )
    names = ", ".join([*(quote(f.name) for f in FIELDS), "__position"])
    source = f"(SELECT * FROM (VALUES {rows}) AS v({names})) AS records"
    return to_spark(compiled.query(source) + " ORDER BY __position", exact_comparisons=True)


@pytest.mark.parametrize("pack_id", ["cn.miit.little-giant.2022", "cn.miit.srdi-sme.2022"])
def test_the_records_query_is_the_whole_query_transpiled(pack_id: str) -> None:
    typed = [
        coerce_record(qualifying_enterprise()),
        coerce_record(
            qualifying_enterprise(name="O'Brien \\ 杭州\n精密", employees=None, niche_years=Decimal("0.5"))
        ),
        coerce_record(qualifying_enterprise(operating_revenue=Decimal("1E+8"), own_brand=False)),
    ]
    compiled = compile_packs(registry.with_dependencies([pack_id], None))
    assert records_query(compiled, typed) == _transpiled_whole(pack_id, typed)
