"""Journey: an enterprise asks for financing help; the county declines, the city serves, the SME rates it."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.cast import PASSWORD
from tests.e2e.conftest import sign_in


def _sign_out(page) -> None:
    page.click("form.sign-out button[type=submit]")


def test_the_request_is_declined_at_county_served_by_the_city_and_rated(
    page, alice, carol, dave, hangzhou_centre, xihu_centre, admin
):
    # The enterprise files a request for financing help.
    sign_in(page, "alice", PASSWORD)
    page.goto("/services/requests/new/")
    page.select_option("select[name=category]", "financing")
    page.fill("input[name=title]", "流动资金贷款")
    page.fill("textarea[name=description]", "需要500万元流动资金，用于扩大生产。")
    page.click("form.stacked button[type=submit]")
    expect(page.locator("main")).to_contain_text("西湖区中小企业服务站")
    request_url = re.sub(r"^https?://[^/]+", "", page.url)
    assert re.fullmatch(r"/services/requests/\d+/", request_url)
    _sign_out(page)

    # The county institution declines it with a reason; it routes up to the municipal institution.
    sign_in(page, "carol", PASSWORD)
    page.goto(request_url)
    page.fill("textarea[name=decline-reason]", "本站暂无融资对接资源")
    page.click("form.services-action-decline button[type=submit]")
    expect(page.locator(".messages")).to_contain_text("杭州市中小企业服务中心")
    _sign_out(page)

    # The municipal institution accepts, logs a session, records an outcome and closes it.
    sign_in(page, "dave", PASSWORD)
    page.goto(request_url)
    expect(page.locator(".services-route")).to_contain_text("本站暂无融资对接资源")
    page.click("form.services-action-accept button[type=submit]")
    expect(page.locator(".messages")).to_be_visible()
    page.select_option("select[name=log_session-mode]", "in_person")
    page.fill("input[name=log_session-contact_minutes]", "90")
    page.fill("input[name=log_session-preparation_minutes]", "30")
    page.fill("textarea[name=log_session-notes]", "梳理融资需求，推荐两家银行。")
    page.click("form.services-action-log_session button[type=submit]")
    expect(page.locator("main")).to_contain_text("梳理融资需求")
    page.select_option("select[name=record_outcome-kind]", "financing")
    page.fill("input[name=record_outcome-value]", "5000000")
    page.click("form.services-action-record_outcome button[type=submit]")
    expect(page.locator("main")).to_contain_text("5000000")
    page.fill("textarea[name=close-resolution]", "企业获得500万元流动资金贷款。")
    page.click("form.services-action-close button[type=submit]")
    expect(page.locator(".services-status")).to_have_class(re.compile("services-status-closed"))
    _sign_out(page)

    # The enterprise rates it, once.
    sign_in(page, "alice", PASSWORD)
    page.goto(request_url)
    page.check("input[name=rate-score][value='5']")
    page.fill("textarea[name=rate-comment]", "响应及时，很专业。")
    page.click("form.services-action-rate button[type=submit]")
    expect(page.locator("main")).to_contain_text("5 / 5")
    expect(page.locator("form.services-action-rate")).to_have_count(0)
    _sign_out(page)

    # The scorecard and the coverage page reflect it.
    sign_in(page, "admin", PASSWORD)
    page.goto("/services/scorecards/?q=杭州市中小企业服务中心")
    row = page.locator("table.services-scorecards tbody tr").first
    expect(row).to_contain_text("杭州市中小企业服务中心")
    cells = row.locator("td")
    expect(cells.nth(2)).to_have_text("1")  # received
    expect(cells.nth(3)).to_have_text("1")  # served
    expect(cells.nth(6)).to_have_text("5.00")  # satisfaction
    page.goto("/services/scorecards/?q=西湖区")
    declined = page.locator("table.services-scorecards tbody tr").first
    expect(declined.locator("td").nth(2)).to_have_text("1")  # received, then declined
    expect(declined.locator("td").nth(3)).to_have_text("0")
    page.goto("/services/coverage/?region=330000")
    hangzhou = page.locator("table.services-coverage tbody tr", has_text="杭州市")
    expect(hangzhou.locator("td").nth(-3)).to_have_text("1")  # requests
    expect(hangzhou.locator("td").nth(-2)).to_have_text("1")  # closed
    expect(hangzhou.locator("td").nth(-1)).to_have_text("5.00")  # satisfaction
