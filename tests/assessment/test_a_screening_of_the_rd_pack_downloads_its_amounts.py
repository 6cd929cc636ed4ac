"""A batch screening with the R&D super-deduction pack writes its amounts (enterprise-data.md: deductible_base,
rate, additional_deduction, tax_before, tax_after, tax_saving, rounded to the fen) in the CSV and the Excel
workbook, whose notes say what each amount is and which clause it encodes, so an official can total the tax
expenditure of the deduction in the jurisdiction (criteria.md §6, D12–D16)."""

import csv
from decimal import Decimal

from littlegiant.assessment import workbook
from littlegiant.assessment.services import screening_result_file
from tests.assessment.conftest import add_enterprises, screen
from tests.assessment.test_a_screening_downloads_as_an_excel_workbook import _sheet_rows
from tests.cast import COUNTY_A

PACK = "cn.mof.rd-super-deduction.2023"
AMOUNTS = ["deductible_base", "rate", "additional_deduction", "tax_before", "tax_after", "tax_saving"]
RD = {
    "rd_personnel": Decimal(600000), "rd_direct_inputs": Decimal(200000), "rd_depreciation": Decimal(60000),
    "rd_amortisation": Decimal(20000), "rd_design_fees": Decimal(20000), "rd_other_related": Decimal(100000),
    "rd_commissioned_domestic": Decimal(0), "rd_commissioned_overseas": Decimal(0),
    "rd_capitalised_amortisation": Decimal(0), "taxable_income": Decimal(5000000), "hnte": False,
    "ic_or_mother_machine_listed": False, "employees_avg": Decimal(120), "total_assets_avg": Decimal(30000000),
}  # fmt: skip


def test_the_csv_and_the_workbook_carry_the_amounts(
    provincial_reviewer, alpha, django_capture_on_commit_callbacks
):
    enterprises = add_enterprises(COUNTY_A, 2)
    for enterprise in enterprises:
        filing = enterprise.filings.get()
        for name, value in RD.items():
            setattr(filing, name, value)
        filing.save()
    run = screen(provincial_reviewer, django_capture_on_commit_callbacks, packs=(PACK,))
    assert run.status == "done", run.error
    with screening_result_file(run, "csv").open(newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert all(name in rows[0] for name in AMOUNTS)
    screened = [r for r in rows if r["credit_code"] in {e.credit_code for e in enterprises}]
    assert [(r["outcome"], r["additional_deduction"], r["tax_saving"]) for r in screened] == [
        ("eligible", "1000000.00", "250000.00")
    ] * 2
    notes = {
        row[0]: row
        for row in _sheet_rows(screening_result_file(run, "xlsx").read_bytes(), workbook.COLUMNS_SHEET)
    }
    assert "加计扣除" in notes["additional_deduction"][1]
    assert "fen" in notes["tax_saving"][3]
    assert "可加计扣除" in notes["outcome"][3]
