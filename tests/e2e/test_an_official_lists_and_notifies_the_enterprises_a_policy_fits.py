"""Browser journey (issue 12): "an official creates a policy with a condition, sees the qualifying enterprises,
notifies them; the enterprise sees the notice and the policy on its home page."
"""

from __future__ import annotations

from tests.cast import PASSWORD
from tests.e2e.conftest import sign_in

TITLE = "杭州市研发投入奖励（测试）"


def test_the_official_notifies_and_the_owner_sees_it(
    page, alice, alpha, beta, hangzhou_reviewer, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    sign_in(page, "hangzhou_reviewer", PASSWORD)
    page.goto("/policies/new/")
    page.fill("#id_title", TITLE)
    page.fill("#id_issuer", "杭州市经济和信息化局")
    page.select_option("#id_level", "municipal")
    page.fill("#id_region", "330100")
    page.fill("#id_valid_from", "2026-01-01")
    page.select_option("#id_benefit_kind", "fixed_amount")
    page.fill("#id_benefit_amount", "200000")
    page.fill("#id_conditions", "研发费用不低于300万元: rd_expense >= 3000000")
    page.locator("form.policy-form button[type=submit]").click()
    page.wait_for_selector("h1:has-text('杭州市研发投入奖励')")

    page.locator("form[action$='/runs/'] button[type=submit]").click()
    page.wait_for_selector("table.qualifying")
    rows = page.locator("table.qualifying tbody").inner_text()
    assert alpha.name in rows and beta.name not in rows  # Beta is in Ningbo

    page.locator("button.notify-qualifying").click()
    page.wait_for_load_state()
    assert "1" in page.locator(".messages, .message, [role=status], body").first.inner_text()

    page.context.clear_cookies()
    sign_in(page, "alice", PASSWORD)
    page.goto("/")
    section = page.locator("#policy-matches")
    assert TITLE in section.inner_text()
    assert "已通知" in section.inner_text()
    page.goto("/notifications/")
    assert TITLE in page.locator("body").inner_text()
