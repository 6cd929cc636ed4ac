"""Identical amounts: 20,000 synthetic enterprises (R&D items on the 10/90 cap, taxable income on the 300万 line
after the deduction, head-counts of 300 and 300.5, unknowns; bench/synthetic.py) assessed against the R&D
super-deduction pack (criteria.md §6, D12–D16) by DuckDB and by Spark give the same outcome, the same amounts to
the fen (D12: rounded half up only when written) and the same conditions, with the default rate and with
--param rate=1.2."""

import pyarrow.parquet as pq
import pytest
from synthetic import write_enterprises

from littlegiant.rules.assessment import assess_file

ROWS = 20_000
PACK = "cn.mof.rd-super-deduction.2023"
AMOUNTS = ["deductible_base", "rate", "additional_deduction", "tax_before", "tax_after", "tax_saving"]


@pytest.mark.parametrize("parameters", [{}, {"rate": "1.2"}], ids=["default rate", "rate 1.2"])
def test_every_amount_is_identical_to_the_fen_on_both_engines(spark, tmp_path, parameters):
    source = write_enterprises(tmp_path / "enterprises.parquet", ROWS, seed=12)
    assess_file(source, tmp_path / "duckdb.parquet", [PACK], parameters=parameters)
    assess_file(source, tmp_path / "spark.parquet", [PACK], engine="spark", parameters=parameters)

    by_duckdb = pq.read_table(tmp_path / "duckdb.parquet").sort_by("credit_code")
    by_spark = pq.read_table(tmp_path / "spark.parquet").sort_by("credit_code")
    assert by_duckdb.column_names[:9] == ["credit_code", "outcome", "score", *AMOUNTS]
    assert by_spark.column_names == by_duckdb.column_names
    for name in by_duckdb.column_names:
        duckdb_values = by_duckdb.column(name).to_pylist()
        spark_values = by_spark.column(name).to_pylist()
        differing = [i for i, (a, b) in enumerate(zip(duckdb_values, spark_values, strict=True)) if a != b]
        assert not differing, (
            f"{name}: {len(differing)} enterprises differ, e.g. {duckdb_values[differing[0]]!r} (DuckDB) "
            f"against {spark_values[differing[0]]!r} (Spark)"
        )
    # The file is hard enough to mean something: both outcomes of a known year and industry, varied savings.
    assert set(by_duckdb.column("outcome").to_pylist()) == {"eligible", "not_eligible"}
    assert len(set(by_duckdb.column("tax_saving").to_pylist())) > 1000
