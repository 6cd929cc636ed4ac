"""A bad file fails on Spark as it does on DuckDB: the same message naming the row and the column, and nothing
left at the output path (nor any scratch file beside it)."""

import csv

import pytest

from littlegiant.identifiers import make_credit_code
from littlegiant.rules.assessment import BatchError, assess_file

PACK = "cn.miit.innovative-sme.2022"


def write(path, rows):
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["credit_code", "industry_code", "operating_revenue", "rd_expense"])
        writer.writerows(rows)
    return path


def code(serial: int) -> str:
    return make_credit_code("91", "330106", f"MA2B3C{serial:02d}")


def assert_fails_alike(spark, tmp_path, source, expected):
    messages = []
    for engine in ("duckdb", "spark"):
        target = tmp_path / f"{engine}.parquet"
        with pytest.raises(BatchError) as raised:
            assess_file(source, target, [PACK], engine=engine)
        messages.append(str(raised.value))
        assert not target.exists()
    assert messages[0] == messages[1]
    assert expected in messages[1]
    assert sorted(p.name for p in tmp_path.iterdir()) == [source.name]


def test_a_third_of_a_fen_is_named_by_row_and_column(spark, tmp_path):
    source = write(tmp_path / "in.csv", [[code(1), "3743", "1000", "10"], [code(2), "3743", "12.345", "1"]])
    assert_fails_alike(spark, tmp_path, source, "row 2, column operating_revenue")


def test_a_bad_credit_code_is_named_by_row_and_column(spark, tmp_path):
    bad = code(3)[:-1] + ("0" if code(3)[-1] != "0" else "1")
    source = write(
        tmp_path / "in.csv", [[code(1), "3743", "1000", "10"], [code(2), "3743", "5", "1"], [bad, "", "", ""]]
    )
    assert_fails_alike(spark, tmp_path, source, "row 3, column credit_code")


def test_a_credit_code_twice_is_named(spark, tmp_path):
    source = write(tmp_path / "in.csv", [[code(1), "3743", "1000", "10"], [code(1), "3743", "5", "1"]])
    assert_fails_alike(spark, tmp_path, source, f"credit code {code(1)} appears on more than one row")


def test_a_good_csv_gives_the_same_csv_on_both_engines(spark, tmp_path):
    source = write(tmp_path / "in.csv", [[code(1), "3743", "1000", "50"], [code(2), "", "", "1"]])
    assess_file(source, tmp_path / "duckdb.csv", [PACK])
    assess_file(source, tmp_path / "spark.csv", [PACK], engine="spark")
    assert (tmp_path / "spark.csv").read_text(encoding="utf-8") == (tmp_path / "duckdb.csv").read_text(
        encoding="utf-8"
    )
