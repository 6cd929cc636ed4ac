"""`littlegiant assess FILE --pack cn.mof.rd-super-deduction.2023 --out OUT.csv [--param name=value]`: credit_code,
outcome, score (empty), then the amount columns of enterprise-data.md ("R&D super-deduction and income tax":
deductible_base, rate, additional_deduction, tax_before, tax_after, tax_saving, each rounded to the fen), then one
column per criterion; `--param rate=1.2` overrides the pack's rate (decision D13: "the rate is a pack parameter, so
a what-if can raise it"), and an unknown parameter or a bad value is a clear error naming it."""

import csv
import json
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from littlegiant.identifiers import make_credit_code
from littlegiant.rules.registry import registry
from tests.rules.cli_app import app
from tests.rules.rd_sample import PACK, rd_enterprise

AMOUNTS = ["deductible_base", "rate", "additional_deduction", "tax_before", "tax_after", "tax_saving"]


def write_input(path: Path) -> list[str]:
    records = [
        rd_enterprise(credit_code=make_credit_code("91", "330106", "00000001")),
        rd_enterprise(credit_code=make_credit_code("91", "330106", "00000002"), industry_code="5211"),
        rd_enterprise(credit_code=make_credit_code("91", "330106", "00000003"), year=2022),
        rd_enterprise(credit_code=make_credit_code("91", "330106", "00000004"), rd_design_fees=None),
    ]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(records[0]))
        writer.writeheader()
        writer.writerows({k: "" if v is None else str(v) for k, v in r.items()} for r in records)
    return [str(r["credit_code"]) for r in records]


def run(tmp_path: Path, *extra: str) -> tuple[object, list[dict[str, str]]]:
    write_input(tmp_path / "in.csv")
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(
        app, ["assess", str(tmp_path / "in.csv"), "--pack", PACK, "--out", str(out), *extra]
    )
    rows = []
    if out.exists():
        with out.open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
    return result, rows


def test_the_columns_are_outcome_empty_score_the_amounts_then_the_criteria(tmp_path: Path) -> None:
    result, rows = run(tmp_path)
    assert result.exit_code == 0, result.output
    criteria = [c.id for c in registry.get(PACK).criteria]
    assert list(rows[0]) == ["credit_code", "outcome", "score", *AMOUNTS, *criteria]
    eligible, excluded, too_early, unknown = rows
    assert [r["outcome"] for r in rows] == ["eligible", "not_eligible", "not_applicable", "eligible"]
    assert {r["score"] for r in rows} == {""}
    assert [eligible[a] for a in AMOUNTS] == [
        "1000000.00", "1.00", "1000000.00", "1250000.00", "1000000.00", "250000.00"
    ]  # fmt: skip
    assert [excluded[a] for a in AMOUNTS] == ["0.00", "0.00", "0.00", "1250000.00", "1250000.00", "0.00"]
    assert {too_early[a] for a in AMOUNTS} == {""}
    assert (unknown["deductible_base"], unknown["tax_before"], unknown["tax_saving"]) == (
        "",
        "1250000.00",
        "",
    )
    assert (eligible["industry_not_excluded"], excluded["industry_not_excluded"]) == ("met", "unmet")


def test_param_rate_overrides_the_rate(tmp_path: Path) -> None:
    result, rows = run(tmp_path, "--param", "rate=1.2")
    assert result.exit_code == 0, result.output
    assert (rows[0]["rate"], rows[0]["additional_deduction"], rows[0]["tax_saving"]) == (
        "1.20", "1200000.00", "300000.00"
    )  # fmt: skip


def test_an_unknown_parameter_or_a_bad_value_is_an_error_naming_it(tmp_path: Path) -> None:
    def said(result: object) -> str:
        return " ".join(result.output.split())  # type: ignore[attr-defined]

    unknown, rows = run(tmp_path, "--param", "ratio=1.2")
    assert unknown.exit_code == 2 and "'ratio'" in said(unknown) and "rate" in said(unknown)
    assert rows == []
    bad, _ = run(tmp_path, "--param", "rate=lots")
    assert bad.exit_code == 2 and "parameter rate: 'lots' is not a number" in said(bad)
    negative, _ = run(tmp_path, "--param", "rate=-1")
    assert negative.exit_code == 2 and "below the minimum" in said(negative)
    malformed, _ = run(tmp_path, "--param", "rate")
    assert malformed.exit_code == 2 and "name=value" in said(malformed)


def test_explain_carries_each_step_with_its_clause(tmp_path: Path) -> None:
    write_input(tmp_path / "in.csv")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(
        app, ["assess", str(tmp_path / "in.csv"), "--pack", PACK, "--out", str(out), "--explain"]
    )
    assert result.exit_code == 0, result.output
    first = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    explanation = json.loads(first["explanation"])
    steps = {a["id"]: a for a in explanation["amounts"]}
    assert steps["other_related_cap"]["document"] == "国家税务总局公告2021年第28号"
    assert steps["tax_saving"]["value"] == "250000.00"
    assert first["tax_saving"] == "250000.00"
    assert Decimal(steps["deductible_base"]["exact"]) == Decimal(1000000)
