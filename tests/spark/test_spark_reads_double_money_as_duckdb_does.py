"""DOUBLE money (a data lake's usual type) is read to the fen on Spark exactly as on DuckDB: the same results
for the same amounts, and a stray fraction of a fen named by row and column on both."""

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from littlegiant.identifiers import make_credit_code
from littlegiant.rules.assessment import BatchError, assess_file

PACK = "cn.miit.innovative-sme.2022"


def write(path, revenue: list[float | None]):
    codes = [make_credit_code("91", "330106", f"MA2B3C{i:02d}") for i in range(len(revenue))]
    columns = {
        "credit_code": pa.array(codes),
        "industry_code": pa.array(["3743"] * len(revenue)),
        "operating_revenue": pa.array(revenue, pa.float64()),
        "rd_expense": pa.array([3.0] * len(revenue), pa.float64()),
    }
    pq.write_table(pa.table(columns), path)
    return path


def test_the_same_doubles_give_the_same_results_on_both_engines(spark, tmp_path):
    source = write(tmp_path / "in.parquet", [0.1 + 0.2, 100.0, 99.99, 60.0, 12345678.91, None])
    assess_file(source, tmp_path / "duckdb.parquet", [PACK])
    assess_file(source, tmp_path / "spark.parquet", [PACK], engine="spark")
    by_duckdb = pq.read_table(tmp_path / "duckdb.parquet")
    by_spark = pq.read_table(tmp_path / "spark.parquet")
    assert by_spark.to_pylist() == by_duckdb.to_pylist()


def test_a_tenth_of_a_fen_fails_alike(spark, tmp_path):
    source = write(tmp_path / "in.parquet", [100.0, 100.001])
    for engine in ("duckdb", "spark"):
        with pytest.raises(BatchError, match=r"row 2, column operating_revenue: '100\.001'"):
            assess_file(source, tmp_path / f"{engine}.parquet", [PACK], engine=engine)
        assert not (tmp_path / f"{engine}.parquet").exists()
