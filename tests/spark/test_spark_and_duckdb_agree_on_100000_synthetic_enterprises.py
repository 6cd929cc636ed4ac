"""Identical results: 100,000 synthetic enterprises (band edges, unknowns, zero denominators; bench/synthetic.py)
assessed against the size pack and the three 2022 packs by DuckDB and by Spark give the same outcome, score and
per-criterion column for every enterprise, to the last decimal."""

import pyarrow.parquet as pq
from synthetic import write_enterprises

from littlegiant.rules.assessment import assess_file

ROWS = 100_000
PACKS = [
    "cn.miit.sme-size.2011",
    "cn.miit.innovative-sme.2022",
    "cn.miit.srdi-sme.2022",
    "cn.miit.little-giant.2022",
]


def test_every_outcome_score_and_criterion_is_identical_on_both_engines(spark, tmp_path):
    source = write_enterprises(tmp_path / "enterprises.parquet", ROWS, seed=16)
    assess_file(source, tmp_path / "duckdb.parquet", PACKS)
    assess_file(source, tmp_path / "spark.parquet", PACKS, engine="spark")

    by_duckdb = pq.read_table(tmp_path / "duckdb.parquet").sort_by("credit_code")
    by_spark = pq.read_table(tmp_path / "spark.parquet").sort_by("credit_code")
    assert by_spark.column_names == by_duckdb.column_names
    assert by_spark.num_rows == by_duckdb.num_rows == ROWS
    for name in by_duckdb.column_names:
        # The ENUM of DuckDB's statuses is read back as text; numbers are decimals on both sides.
        duckdb_values = by_duckdb.column(name).to_pylist()
        spark_values = by_spark.column(name).to_pylist()
        differing = [i for i, (a, b) in enumerate(zip(duckdb_values, spark_values, strict=True)) if a != b]
        assert not differing, (
            f"{name}: {len(differing)} enterprises differ, e.g. {duckdb_values[differing[0]]!r} (DuckDB) "
            f"against {spark_values[differing[0]]!r} (Spark)"
        )
    # The file is hard enough to mean something: the tiers' outcomes take all three values, and scores vary.
    outcomes = set()
    for pack in PACKS[1:]:
        outcomes |= set(by_duckdb.column(f"{pack}.outcome").to_pylist())
    assert outcomes == {"qualified", "not_qualified", "insufficient_data"}
    assert len(set(by_duckdb.column(f"{PACKS[1]}.score").to_pylist())) > 10
