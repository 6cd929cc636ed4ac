"""Alice's R&D expense is 2.8% of revenue: the one SRDI condition she misses. She reads the gap,
fixes the data and sees the condition met (SRDI condition on R&D intensity, ≥ 3% of operating revenue)."""

from __future__ import annotations

import re
from decimal import Decimal

from tests.assessment.conftest import srdi_ready_values
from tests.cast import PASSWORD
from tests.e2e.conftest import sign_in


def _short_of_rd(alpha) -> None:
    filing = alpha.filings.get(year=2025)
    filing.rd_expense = Decimal("2408000")  # 2.8% of 86,000,000
    for name, value in srdi_ready_values().items():
        setattr(filing, name, value)
    filing.save()


def test_she_closes_the_gap_and_sees_the_condition_met(page, alice, alpha):
    _short_of_rd(alpha)
    sign_in(page, "alice", PASSWORD)
    page.goto(f"/assessment/enterprises/{alpha.pk}/")

    summary = page.locator("#tier-summary")
    assert "创新型中小企业" in summary.inner_text()
    srdi_card = page.locator(".pack-card.outcome-not_qualified").filter(has_text="专精特新中小企业").first
    gap = srdi_card.locator("ul.gaps li").filter(has_text="研发").first
    criterion = gap.get_attribute("data-criterion")
    row = srdi_card.locator(f'tr[data-criterion="{criterion}"]')
    assert "unmet" in row.get_attribute("class")

    page.locator("a", has_text="编辑本年度数据").first.click()
    page.wait_for_selector("#id_rd_expense")
    page.fill("#id_rd_expense", "2600000")
    page.locator("form:has(#id_rd_expense) [type=submit]").first.click()
    page.wait_for_load_state()

    page.goto(f"/assessment/enterprises/{alpha.pk}/")
    row = page.locator(f'.pack-card tr[data-criterion="{criterion}"]').first
    assert re.search(r"\bmet\b", row.get_attribute("class"))
    assert "unmet" not in row.get_attribute("class")
    assert alpha.filings.get(year=2025).rd_expense == Decimal("2600000")
