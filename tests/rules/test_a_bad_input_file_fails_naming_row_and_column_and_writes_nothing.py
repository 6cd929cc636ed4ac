"""Bad input (unknown column, wrong type, bad credit code) fails with the row and column named; nothing is
written,
not even a partial file."""

import csv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from littlegiant.identifiers import make_credit_code
from tests.rules.cli_app import app

GOOD = make_credit_code("91", "330106", "00000001")
OTHER = make_credit_code("91", "330106", "00000002")


def write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


@pytest.mark.parametrize(
    "header, rows, message",
    [
        (["credit_code", "employes"], [[GOOD, "10"]], "column 2 'employes' is not a canonical field"),
        (
            ["credit_code", "employees"],
            [[GOOD, "10"], [OTHER, "ten"]],
            "row 2, column employees: 'ten' is not a number",
        ),  # noqa: E501
        (
            ["credit_code", "own_brand"],
            [[GOOD, "maybe"]],
            "row 1, column own_brand: 'maybe' is not a boolean",
        ),  # noqa: E501
        (
            ["credit_code", "operating_revenue"],
            [[GOOD, "-5"]],
            "row 1, column operating_revenue: '-5' may not be negative",
        ),  # noqa: E501
        (["credit_code", "operating_revenue"], [[GOOD, "1.001"]], "must be at most 2 decimal places"),
        (["credit_code", "rd_institution_level"], [[GOOD, "county"]], "'county' is not one of"),
        (
            ["credit_code"],
            [[GOOD], [GOOD[:-1] + ("0" if GOOD[-1] != "0" else "1")]],
            "row 2, column credit_code: invalid credit code",
        ),  # noqa: E501
        (["credit_code"], [[GOOD], [GOOD]], f"credit code {GOOD} appears on more than one row"),
        (["employees"], [["10"]], "the column credit_code is required"),
    ],
)
def test_the_error_names_row_and_column(
    tmp_path: Path, header: list[str], rows: list[list[str]], message: str
) -> None:  # noqa: E501
    write(tmp_path / "in.csv", header, rows)
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(
        app, ["assess", str(tmp_path / "in.csv"), "--pack", "cn.miit.sme-size.2011", "--out", str(out)]
    )  # noqa: E501
    assert result.exit_code == 2
    assert message in " ".join(result.output.split())
    assert list(tmp_path.iterdir()) == [tmp_path / "in.csv"]


def test_an_unknown_pack_is_named(tmp_path: Path) -> None:
    write(tmp_path / "in.csv", ["credit_code"], [[GOOD]])
    result = CliRunner().invoke(
        app, ["assess", str(tmp_path / "in.csv"), "--pack", "cn.miit.nope", "--out", str(tmp_path / "o.csv")]
    )  # noqa: E501
    assert result.exit_code == 2
    assert "cn.miit.nope" in result.output
