"""Alice uploads her filing file with a mistake, reads the error report, fixes the file and sees her data."""

from __future__ import annotations

import csv
import io

import pytest

from tests.cast import PASSWORD
from tests.e2e.conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def _filing_file(alpha, employees: str) -> bytes:
    """Alpha's 2024 data as Alice's accountant writes it (Excel's "CSV UTF-8", with a byte-order mark)."""
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(
        [
            "credit_code",
            "name",
            "region_code",
            "industry_code",
            "year",
            "employees",
            "rd_staff",
            "operating_revenue",
            "own_brand",
            "national_niche_market_share",
        ]
    )
    writer.writerow(
        [
            alpha.credit_code,
            alpha.name,
            alpha.region_id,
            alpha.industry_id,
            "2024",
            employees,
            "37",
            "71500000.50",
            "是",
            "0.055",
        ]
    )
    return "\ufeff".encode() + text.getvalue().encode()


def test_alice_fixes_her_file_and_sees_her_data(page, alice, alpha):
    sign_in(page, "alice", PASSWORD)
    page.goto("/enterprises/")
    # Alice acts for one enterprise only: the list is her profile.
    page.wait_for_url(f"**/enterprises/{alpha.pk}/")
    page.get_by_role("link", name="上传数据文件").click()

    page.set_input_files(
        "input[type=file]",
        files=[
            {
                "name": "alpha-2024.csv",
                "mimeType": "text/csv",
                "buffer": _filing_file(alpha, employees="-165"),
            }
        ],
    )
    page.get_by_role("button", name="上传").click()
    report = page.locator("section.import-result.bad")
    report.wait_for()
    assert "未写入任何数据" in report.inner_text()
    problem_row = report.locator("table.import-problems tbody tr")
    assert problem_row.count() == 1
    assert [cell.strip() for cell in problem_row.locator("td").all_inner_texts()] == [
        "2",
        "employees",
        "-165",
        "不能为负数",
    ]

    page.set_input_files(
        "input[type=file]",
        files=[
            {"name": "alpha-2024.csv", "mimeType": "text/csv", "buffer": _filing_file(alpha, employees="165")}
        ],
    )
    page.get_by_role("button", name="上传").click()
    result = page.locator("section.import-result.ok")
    result.wait_for()
    assert "已导入1行" in result.inner_text()

    result.get_by_role("link", name=alpha.name).click()
    page.wait_for_url(f"**/enterprises/{alpha.pk}/")
    table = page.locator("table.filing-table")
    assert "2024" in table.locator("thead").inner_text()
    employees_row = table.locator("tr:has(td[title='employees'])").first
    assert "165" in employees_row.inner_text()
    revenue_row = table.locator("tr:has(td[title='operating_revenue'])").first
    assert "71,500,000.5" in revenue_row.inner_text()
