"""Issue 13, third session: the what-if's comparison on Spark (rules.variants.compare_file_on_spark) finds the
same gains, losses and movers, with the same criteria that moved them, as DuckDB's compare_file, on a small
synthetic file (bench/synthetic.py): a variant raising the SRDI revenue threshold, and the 2022 criteria
against the 2026 measures."""

import pyarrow.parquet as pq
import pytest
from synthetic import write_enterprises

from littlegiant.rules import registry
from littlegiant.rules.variants import compare_file, compare_file_on_spark, make_variant

ROWS = 3_000
SRDI_2022, SRDI_2026 = "cn.miit.srdi-sme.2022", "cn.miit.srdi-sme.2026"
REVENUE_THRESHOLD = "criterion.revenue_condition.test.1"


def _packs(kind: str):
    base = registry.get(SRDI_2022)
    if kind == "variant":
        return base, make_variant(base, {REVENUE_THRESHOLD: "50000000"}, variant_id=f"{SRDI_2022}.what-if")
    return base, registry.get(SRDI_2026)


@pytest.mark.spark
@pytest.mark.parametrize("kind", ["variant", "comparison"])
def test_both_engines_find_the_same_movers(spark, tmp_path, kind):
    source = write_enterprises(tmp_path / "enterprises.parquet", ROWS, seed=13)
    base, variant = _packs(kind)
    by_duckdb = compare_file(source, tmp_path / "duckdb.parquet", base, variant)
    by_spark = compare_file_on_spark(source, tmp_path / "spark.parquet", base, variant, session=spark)
    assert by_spark == by_duckdb
    duckdb_movers = pq.read_table(tmp_path / "duckdb.parquet").to_pylist()
    spark_movers = pq.read_table(tmp_path / "spark.parquet").to_pylist()
    assert spark_movers == duckdb_movers
    # The comparison means something: enterprises move, some gaining or losing the title.
    assert by_duckdb.movers > 0
    assert {row["direction"] for row in duckdb_movers} & {"gain", "loss"}
