"""`littlegiant assess INPUT --pack ID --out OUTPUT [--explain]`: one row per enterprise, credit_code first,
then
the pack's outcome and score and one column per criterion; several packs are prefixed with the pack id."""

import csv
import json
from decimal import Decimal
from pathlib import Path

import pyarrow.parquet as pq
from openpyxl import Workbook
from typer.testing import CliRunner

from littlegiant.identifiers import make_credit_code
from littlegiant.rules.registry import registry
from tests.rules.cli_app import app
from tests.rules.sample import qualifying_enterprise

SRDI = "cn.miit.srdi-sme.2022"
LITTLE_GIANT = "cn.miit.little-giant.2022"


def write_input(path: Path, count: int = 3) -> list[str]:
    codes = [make_credit_code("91", "330106", f"{index:08d}") for index in range(count)]
    rows = []
    for index, code in enumerate(codes):
        record = qualifying_enterprise(credit_code=code, rd_expense=Decimal(720 * 10000 - index * 3000000))
        rows.append({k: "" if v is None else str(v) for k, v in record.items()})
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return codes


def test_csv_with_one_pack_has_exactly_outcome_and_score(tmp_path: Path) -> None:
    codes = write_input(tmp_path / "in.csv")
    result = CliRunner().invoke(
        app, ["assess", str(tmp_path / "in.csv"), "--pack", SRDI, "--out", str(tmp_path / "out.csv")]
    )  # noqa: E501
    assert result.exit_code == 0, result.output
    with (tmp_path / "out.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    criteria = [c.id for c in registry.get(SRDI).criteria]
    assert list(rows[0]) == ["credit_code", "outcome", "score", *criteria]
    assert [r["credit_code"] for r in rows] == codes
    assert [r["outcome"] for r in rows] == ["qualified", "qualified", "not_qualified"]
    assert rows[0]["score"] == "95"
    assert (rows[0]["rd_condition"], rows[2]["rd_condition"]) == ("met", "unmet")
    assert rows[0]["rd_input"] == "10"


def test_parquet_with_two_packs_prefixes_the_columns(tmp_path: Path) -> None:
    write_input(tmp_path / "in.csv")
    out = tmp_path / "out.parquet"
    result = CliRunner().invoke(
        app, ["assess", str(tmp_path / "in.csv"), "--pack", SRDI, "--pack", LITTLE_GIANT, "--out", str(out)]
    )  # noqa: E501
    assert result.exit_code == 0, result.output
    table = pq.read_table(out)
    assert table.column_names[:3] == ["credit_code", f"{SRDI}.outcome", f"{SRDI}.score"]
    assert f"{LITTLE_GIANT}.outcome" in table.column_names
    assert table.column(f"{LITTLE_GIANT}.score").to_pylist() == [None, None, None]
    assert table.column(f"{SRDI}.score").to_pylist()[0] == Decimal(95)


def test_json_lines_with_explain_carries_the_explanation(tmp_path: Path) -> None:
    write_input(tmp_path / "in.csv")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(
        app, ["assess", str(tmp_path / "in.csv"), "--pack", SRDI, "--out", str(out), "--explain"]
    )  # noqa: E501
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 3
    explanation = json.loads(lines[2]["explanation"])
    assert explanation["pack"]["id"] == SRDI
    assert explanation["outcome"] == lines[2]["outcome"] == "not_qualified"
    assert any(g["criterion"] == "rd_condition" for g in explanation["gaps"])


def test_xlsx_input_is_read(tmp_path: Path) -> None:
    write_input(tmp_path / "in.csv", count=2)
    workbook = Workbook()
    sheet = workbook.active
    with (tmp_path / "in.csv").open(encoding="utf-8") as handle:
        for row in csv.reader(handle):
            sheet.append(row)
    workbook.save(tmp_path / "in.xlsx")
    result = CliRunner().invoke(
        app, ["assess", str(tmp_path / "in.xlsx"), "--pack", SRDI, "--out", str(tmp_path / "out.csv")]
    )  # noqa: E501
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out.csv").read_text(encoding="utf-8").count("\n") == 3
