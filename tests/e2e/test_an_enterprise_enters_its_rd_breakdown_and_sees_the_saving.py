"""Alice enters her R&D breakdown in the calculator and sees the deduction and the saving: items 1–5 of 495,000
yuan and other related expenses of 55,000 (exactly the 10/90 cap, 2021年第28号) give a deduction of 550,000
yuan (2023年第7号, rate 100%); taxable income 3,500,000 falls to 2,950,000, under the small low-profit line
(2023年第12号, 5%): the saving is 727,500 yuan, not 137,500. Then she asks what 100,000 yuan more R&D next year
would do."""

from __future__ import annotations

from tests.cast import PASSWORD
from tests.e2e.conftest import sign_in

BREAKDOWN = {
    "rd_personnel": "495000",
    "rd_direct_inputs": "0",
    "rd_depreciation": "0",
    "rd_amortisation": "0",
    "rd_design_fees": "0",
    "rd_other_related": "55000",
    "rd_commissioned_domestic": "0",
    "rd_commissioned_overseas": "0",
    "rd_capitalised_amortisation": "0",
    "taxable_income": "3500000",
    "employees_avg": "180",
    "total_assets_avg": "30000000",
}


def test_she_enters_the_breakdown_and_sees_the_deduction_and_the_saving(page, alice, alpha):
    sign_in(page, "alice", PASSWORD)
    page.goto(f"/assessment/enterprises/{alpha.pk}/")
    page.locator("a", has_text="研发费用加计扣除计算器").first.click()
    page.wait_for_selector("#id_rd_personnel")

    for name, value in BREAKDOWN.items():
        page.fill(f"#id_{name}", value)
    for name in ("hnte", "ic_or_mother_machine_listed", "restricted_industry"):
        page.select_option(f"#id_{name}", "false")
    page.locator("form:has(#id_rd_personnel) [type=submit]").click()
    page.wait_for_selector("text=研发费用明细已保存")

    assert "550,000.00" in page.locator("#result-additional_deduction").inner_text()
    assert "727,500.00" in page.locator("#result-tax_saving").inner_text()
    assert "137,500.00" in page.locator(".gap").first.inner_text()  # not the naive 25% of the deduction
    assert "2021年第28号" in page.locator("#step-other_related_cap").inner_text()

    page.fill("#id_extra", "100000")
    page.locator("form.what-if [type=submit]").click()
    page.wait_for_selector("#what-if-tax_saving")
    row = page.locator("#what-if-additional_deduction").inner_text()
    assert "550,000.00" in row and "650,000.00" in row  # 595,000 + the 55,000 of other related expenses
    assert str(alpha.filings.get(year=2025).rd_other_related) == "55000.00"
