"""`littlegiant import FILE [--dry-run]` and `littlegiant export FILE [--year] [--region]`."""

import pytest
import typer
from typer.testing import CliRunner

from littlegiant.enterprises.cli import register
from littlegiant.enterprises.models import Enterprise
from tests.enterprises.conftest import GAMMA_CODE, csv_bytes, filing_row

pytestmark = pytest.mark.django_db


@pytest.fixture
def command():
    app = typer.Typer()
    register(app)
    return app


def test_a_dry_run_then_an_import_then_an_export(command, tmp_path):
    source = tmp_path / "filings.csv"
    source.write_bytes(csv_bytes([filing_row(), filing_row(year=2024)]))
    runner = CliRunner()

    checked = runner.invoke(command, ["import", str(source), "--dry-run"])
    assert checked.exit_code == 0, checked.output
    assert "Dry run" in checked.output and not Enterprise.objects.exists()

    imported = runner.invoke(command, ["import", str(source)])
    assert imported.exit_code == 0 and "filings created 2" in imported.output
    assert Enterprise.objects.filter(credit_code=GAMMA_CODE).exists()

    target = tmp_path / "out.xlsx"
    exported = runner.invoke(command, ["export", str(target), "--year", "2024", "--region", "330100"])
    assert exported.exit_code == 0 and "1 filings written" in exported.output


def test_a_bad_file_exits_with_1_and_a_table(command, tmp_path):
    source = tmp_path / "filings.csv"
    source.write_bytes(csv_bytes([filing_row(employees="-5")]))
    result = CliRunner().invoke(command, ["import", str(source)])
    assert result.exit_code == 1
    assert "employees" in result.output and "nothing" in result.output
