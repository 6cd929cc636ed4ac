"""Journey (issue 13, done when): "the provincial official opens the dashboard, drills down to a city".

The Zhejiang reviewer signs in, opens the dashboard of the province with its charts drawn, follows Hangzhou
in the drill-down, sees the city's counts (its counties in the table), and goes back up by the trail."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.cast import COUNTY_A, COUNTY_B, PASSWORD
from tests.dashboards.conftest import recognise_waiting, waiting_title
from tests.e2e.conftest import sign_in


def test_the_provincial_official_drills_down_to_a_city(page, provincial_reviewer):
    waiting_title("srdi_sme", county=COUNTY_A)
    waiting_title("srdi_sme", county=COUNTY_B)
    waiting_title("little_giant", county=COUNTY_B)
    recognise_waiting("srdi_sme", provincial_reviewer)
    recognise_waiting("little_giant", provincial_reviewer)

    sign_in(page, "provincial_reviewer", PASSWORD)
    page.goto("/dashboards/")
    expect(page.locator("h1")).to_contain_text("浙江省")
    expect(page.locator("#total-srdi")).to_have_text("2")
    expect(page.locator("#total-little-giant")).to_have_text("1")
    # ECharts drew the figures (a canvas inside each chart holder).
    expect(page.locator("#chart-titles_by_region canvas")).to_have_count(1)
    expect(page.locator("#chart-funnel canvas")).to_have_count(1)

    page.locator("#dashboard-drill a", has_text="杭州市").click()
    expect(page.locator("h1")).to_contain_text("杭州市")
    expect(page.locator("#total-srdi")).to_have_text("1")
    expect(page.locator("#total-little-giant")).to_have_text("0")
    expect(page.locator("#figure-titles_by_region")).to_contain_text("西湖区")
    expect(page.locator("#dashboard-trail")).to_contain_text("浙江省")

    page.locator("#dashboard-trail a", has_text="浙江省").click()
    expect(page.locator("#total-srdi")).to_have_text("2")
