"""The import writes its audit trail in bulk: one history row per enterprise and filing it creates or changes."""

from decimal import Decimal

import pytest

from littlegiant.enterprises.models import AnnualFiling, Enterprise
from tests.enterprises.conftest import GAMMA_CODE, filing_row

pytestmark = pytest.mark.django_db


def test_new_rows_get_a_creation_entry_with_who_and_which_file(import_csv, admin):
    assert import_csv([filing_row(), filing_row(year=2024, employees=150, rd_staff=30)], by=admin).ok
    gamma = Enterprise.objects.get(credit_code=GAMMA_CODE)
    entries = list(gamma.history.values_list("history_type", "history_user", "history_change_reason", "name"))
    assert entries == [("+", admin.pk, "import filings.csv", gamma.name)]
    for filing in AnnualFiling.objects.filter(enterprise=gamma):
        (entry,) = filing.history.all()
        assert (entry.history_type, entry.history_user, entry.history_change_reason) == (
            "+",
            admin,
            "import filings.csv",
        )
        assert (entry.year, entry.employees, entry.operating_revenue) == (
            filing.year,
            filing.employees,
            filing.operating_revenue,
        )


def test_a_changed_filing_gets_a_change_entry_and_an_unchanged_one_none(import_csv):
    assert import_csv([filing_row(), filing_row(year=2024)]).ok
    assert import_csv([filing_row(employees=300, operating_revenue="90000000.50"), filing_row(year=2024)]).ok
    changed = AnnualFiling.objects.get(enterprise__credit_code=GAMMA_CODE, year=2025)
    latest = changed.history.first()
    assert (latest.history_type, latest.employees, latest.operating_revenue) == (
        "~",
        300,
        Decimal("90000000.50"),
    )
    assert changed.history.count() == 2
    assert AnnualFiling.objects.get(enterprise__credit_code=GAMMA_CODE, year=2024).history.count() == 1
    assert Enterprise.objects.get(credit_code=GAMMA_CODE).history.count() == 1


def test_a_dry_run_leaves_no_history(import_csv):
    assert import_csv([filing_row()], dry_run=True).ok
    assert not Enterprise.history.exists() and not AnnualFiling.history.exists()
