"""A typed Parquet column is left out of the value guard only when every row group's statistics prove its
values good; a bad value anywhere in any row group still fails the file, naming row and column."""

from decimal import Decimal
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from littlegiant.identifiers import make_credit_code
from littlegiant.rules import assess_file
from littlegiant.rules.assessment import BatchError, _proven_by_statistics, _reader, _source_types

ROWS = 6
SIZE_PACK = "cn.miit.sme-size.2011"


def write(path: Path, rd_expense: list[Decimal | None], *, statistics: bool = True) -> None:
    """Six enterprises in row groups of two; rd_expense is a money column the size pack does not read."""
    codes = [make_credit_code("91", "330106", f"{n:08d}") for n in range(1, ROWS + 1)]
    table = pa.table(
        {
            "credit_code": pa.array(codes),
            "employees": pa.array([10] * ROWS, pa.int64()),
            "rd_expense": pa.array(rd_expense, pa.decimal128(20, 2)),
        }
    )
    pq.write_table(table, path, row_group_size=2, write_statistics=statistics)


def proven(path: Path) -> set[str]:
    connection = duckdb.connect()
    try:
        columns = pq.read_schema(path).names
        reader = _reader(path, columns)
        return _proven_by_statistics(connection, path, columns, _source_types(connection, reader))
    finally:
        connection.close()


def test_columns_whose_statistics_lie_inside_their_rules_are_proven(tmp_path: Path) -> None:
    write(tmp_path / "in.parquet", [Decimal("0.00"), Decimal("5.50"), None, None, Decimal("7"), Decimal("1")])
    assert proven(tmp_path / "in.parquet") == {"employees", "rd_expense"}


def test_a_negative_value_in_the_last_row_group_is_not_proven_and_is_named(tmp_path: Path) -> None:
    write(tmp_path / "in.parquet", [Decimal("1")] * 5 + [Decimal("-3.00")])
    assert "rd_expense" not in proven(tmp_path / "in.parquet")
    with pytest.raises(BatchError, match="row 6, column rd_expense"):
        assess_file(tmp_path / "in.parquet", tmp_path / "out.parquet", [SIZE_PACK])
    assert not (tmp_path / "out.parquet").exists()


def test_a_file_without_statistics_proves_nothing_and_is_still_checked(tmp_path: Path) -> None:
    write(
        tmp_path / "in.parquet",
        [Decimal("1")] * 3 + [Decimal("1E+15")] + [Decimal("1")] * 2,
        statistics=False,
    )
    assert proven(tmp_path / "in.parquet") == set()
    with pytest.raises(BatchError, match="row 4, column rd_expense"):
        assess_file(tmp_path / "in.parquet", tmp_path / "out.parquet", [SIZE_PACK])


def test_a_row_group_of_empty_cells_does_not_stop_the_proof(tmp_path: Path) -> None:
    write(tmp_path / "in.parquet", [None, None, Decimal("2"), Decimal("3"), Decimal("4"), Decimal("5")])
    assert "rd_expense" in proven(tmp_path / "in.parquet")
    assert assess_file(tmp_path / "in.parquet", tmp_path / "out.parquet", [SIZE_PACK]) == ROWS
