"""A good file creates what is new and updates what exists, by credit code and by (credit code, year)."""

from decimal import Decimal

import pytest

from littlegiant.enterprises.models import AnnualFiling, DataImport, Enterprise
from tests.enterprises.conftest import GAMMA_CODE, csv_bytes, filing_row

pytestmark = pytest.mark.django_db


def test_counts_are_reported_and_data_stored(import_csv, alpha, admin):
    rows = [
        filing_row(),
        filing_row(year=2024, employees=150, rd_staff=30),
        filing_row(
            alpha.credit_code, name=alpha.name, region_code="330106", industry_code="3973", employees=190
        ),
        filing_row(alpha.credit_code, name=alpha.name, region_code="330106", industry_code="3973", year=2024),
    ]
    report = import_csv(rows, by=admin)
    assert report.ok, report.problems
    assert (report.rows, report.enterprises_created, report.enterprises_updated) == (4, 1, 0)
    assert (report.filings_created, report.filings_updated) == (3, 1)
    assert AnnualFiling.objects.get(enterprise=alpha, year=2025).employees == 190
    gamma = Enterprise.objects.get(credit_code=GAMMA_CODE)
    assert gamma.filings.get(year=2024).employees == 150
    assert gamma.filings.get(year=2025).operating_revenue == Decimal("86000000")
    record = DataImport.objects.get()
    assert (record.actor, record.role, record.filings_created) == (admin, "administrator", 3)


def test_importing_the_same_file_again_changes_nothing(import_csv):
    assert import_csv([filing_row()]).ok
    again = import_csv([filing_row()])
    assert (again.enterprises_created, again.filings_created, again.filings_updated) == (0, 0, 0)
    assert again.filings_unchanged == 1


def test_columns_left_out_keep_their_values(import_csv, alpha):
    columns = ["credit_code", "name", "region_code", "industry_code", "year", "employees"]
    assert import_csv([filing_row(alpha.credit_code, name=alpha.name, employees=200)], columns=columns).ok
    filing = AnnualFiling.objects.get(enterprise=alpha)
    assert (filing.employees, filing.rd_staff, filing.own_brand) == (200, 41, True)


def test_a_changed_name_updates_the_enterprise_and_keeps_history(import_csv, alpha):
    report = import_csv([filing_row(alpha.credit_code, name="杭州阿尔法光电股份有限公司")])
    assert report.enterprises_updated == 1
    alpha.refresh_from_db()
    assert alpha.name == "杭州阿尔法光电股份有限公司"
    assert alpha.history.first().history_change_reason == "import filings.csv"
    assert AnnualFiling.objects.get(enterprise=alpha).history.exists()


def test_a_dry_run_counts_but_writes_nothing(import_csv):
    report = import_csv([filing_row(), filing_row(year=2024)], dry_run=True)
    assert report.ok and (report.enterprises_created, report.filings_created) == (1, 2)
    assert not Enterprise.objects.exists() and not DataImport.objects.exists()


def test_a_file_with_a_byte_order_mark_is_read(import_csv):
    assert import_csv([], raw=csv_bytes([filing_row()], bom=True)).ok
    assert Enterprise.objects.filter(credit_code=GAMMA_CODE).exists()
