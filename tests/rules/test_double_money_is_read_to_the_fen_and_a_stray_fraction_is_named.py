"""Money stored as DOUBLE (pandas' and Spark's default) is read as the whole number of fen it rounds to, when it
is within a thousandth of a fen of it (0.1 + 0.2 is 0.30 yuan), and gives the same result as the same amounts
stored as DECIMAL; a double that is not a whole number of fen is an error naming the row and the column."""

from decimal import Decimal

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from littlegiant.identifiers import make_credit_code
from littlegiant.rules.assessment import BatchError, assess_file

PACK = "cn.miit.innovative-sme.2022"


def write(path, revenue: list, revenue_type: pa.DataType):
    codes = [make_credit_code("91", "330106", f"MA2B3C{i:02d}") for i in range(len(revenue))]
    table = pa.table(
        {
            "credit_code": pa.array(codes),
            "industry_code": pa.array(["3743"] * len(revenue)),
            "operating_revenue": pa.array(revenue, revenue_type),
            "rd_expense": pa.array([Decimal("3.00")] * len(revenue), pa.decimal128(18, 2)),
        }
    )
    pq.write_table(table, path)
    return path


def test_doubles_give_the_same_results_as_the_same_decimals(tmp_path):
    amounts = ["0.30", "100.00", "99.99", "12345678.91", None]
    as_double = write(tmp_path / "double.parquet", [0.1 + 0.2, 100.0, 99.99, 12345678.91, None], pa.float64())
    as_decimal = write(
        tmp_path / "decimal.parquet",
        [None if a is None else Decimal(a) for a in amounts],
        pa.decimal128(18, 2),
    )
    assess_file(as_double, tmp_path / "from_double.parquet", [PACK])
    assess_file(as_decimal, tmp_path / "from_decimal.parquet", [PACK])
    from_double = pq.read_table(tmp_path / "from_double.parquet")
    assert from_double.equals(pq.read_table(tmp_path / "from_decimal.parquet"))
    # rd_expense 3 over revenue 100.00 is exactly 3%: band B (15 points), as decided from the decimal.
    assert from_double.column("rd_intensity").to_pylist()[1] == Decimal("15")


def test_a_tenth_of_a_fen_is_named_by_row_and_column(tmp_path):
    source = write(tmp_path / "double.parquet", [100.0, 100.001, 7.5], pa.float64())
    target = tmp_path / "out.parquet"
    with pytest.raises(BatchError, match=r"row 2, column operating_revenue: '100\.001'"):
        assess_file(source, target, [PACK])
    assert not target.exists()


def test_a_large_amount_within_a_doubles_rounding_of_the_fen_is_read_exactly(tmp_path):
    # 152,079,641,687.27 yuan as a double times 100 is 15,207,964,168,726.998: 0.002 fen from the whole fen,
    # a double's spacing there, more than the thousandth allowed of small amounts.
    as_double = write(tmp_path / "double.parquet", [152079641687.27, 100.0], pa.float64())
    as_decimal = write(
        tmp_path / "decimal.parquet", [Decimal("152079641687.27"), Decimal("100.00")], pa.decimal128(18, 2)
    )
    assess_file(as_double, tmp_path / "from_double.parquet", [PACK])
    assess_file(as_decimal, tmp_path / "from_decimal.parquet", [PACK])
    assert pq.read_table(tmp_path / "from_double.parquet").equals(
        pq.read_table(tmp_path / "from_decimal.parquet")
    )


def test_a_stray_half_fen_of_a_large_amount_is_still_named(tmp_path):
    source = write(tmp_path / "double.parquet", [100.0, 152079641687.275], pa.float64())
    with pytest.raises(BatchError, match=r"row 2, column operating_revenue"):
        assess_file(source, tmp_path / "out.parquet", [PACK])
