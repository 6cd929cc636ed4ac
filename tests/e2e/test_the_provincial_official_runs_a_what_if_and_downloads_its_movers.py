"""Issue 13, done-when: "the provincial official … runs a what-if raising the SRDI revenue threshold, watches it
finish, sees the movers by city and downloads them". The threshold is 附件2 认定条件3 (上年度营业收入总额1000万元
以上), raised to 9000万元: Alpha (Hangzhou, 8600万) and Beta (Ningbo) lose the SRDI outcome."""

from __future__ import annotations

from tests.cast import PASSWORD
from tests.e2e.conftest import sign_in

THRESHOLD = "criterion.revenue_condition.test.1"


def test_the_province_raises_the_revenue_threshold_and_downloads_the_movers(
    page, provincial_reviewer, alpha, beta, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    sign_in(page, "provincial_reviewer", PASSWORD)
    page.goto("/scenarios/")
    page.select_option("select[name=pack]", "cn.miit.srdi-sme.2022")
    page.locator("form[action$='/scenarios/new/'] button[type=submit]").click()

    field = page.locator(f'input[name="{THRESHOLD}"]')
    assert field.input_value() == "10000000"
    page.fill("input[name=name]", "营业收入门槛提高至9000万元")
    page.fill("input[name=year]", "2025")
    field.fill("90000000")
    page.locator("form.stacked button[type=submit]").click()

    page.wait_for_selector("form[action$='/run/']")
    page.locator("form[action$='/run/'] button[type=submit]").click()
    # The run's card polls itself (htmx) until the worker is done.
    page.wait_for_selector(".whatif-run.status-done", timeout=60_000)
    page.locator(".whatif-run.status-done a.button").first.click()

    regions = page.locator("table.whatif-regions")
    regions.wait_for()
    text = regions.inner_text()
    assert "杭州市" in text and "宁波市" in text
    page.locator("#whatif-chart canvas").first.wait_for()  # the chart is drawn once its script has run
    movers = page.locator("table.whatif-movers").inner_text()
    assert alpha.name in movers and beta.name in movers

    with page.expect_download() as download:
        page.locator("a[href$='movers.csv']").click()
    body = download.value.path().read_bytes().decode("utf-8-sig")
    assert alpha.credit_code in body and beta.credit_code in body
    assert "营业收入" in body  # the criterion that moved them, by its label
