"""Journey: an officer lists a patent with use-first terms; an SME finds it in Chinese and accepts the
licence; the free period ends; the SME reports sales; the statement shows the royalty; the officer records
the payment."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from tests.cast import PASSWORD
from tests.e2e.conftest import sign_in


def sign_out(page) -> None:
    page.click("form.sign-out button[type=submit]")


def test_an_sme_licenses_a_patent_and_pays_after_the_free_period(page, olivia, alice, alpha):
    from littlegiant.techtransfer.models import Licence
    from littlegiant.techtransfer.services import follow_up_licences

    # The first search loads jieba's dictionary in the server process (a second or more on a busy machine).
    page.set_default_timeout(60_000)
    sign_in(page, "olivia", PASSWORD)
    page.goto("/techtransfer/listings/new/")
    page.fill("input[name=application_number]", "CN202210956187.7")
    page.fill("input[name=publication_number]", "CN115000001A")
    page.fill("input[name=title]", "一种高镍三元锂电池正极材料及其制备方法")
    page.fill(
        "textarea[name=abstract]", "本发明公开了一种高镍三元锂电池正极材料，通过表面包覆提高循环稳定性。"
    )
    page.fill("input[name=ipc_codes]", "H01M 4/36; H01M 10/0525")
    page.select_option("select[name=legal_status]", "granted")
    page.fill("input[name=expires_on]", "2042-06-01")
    page.select_option("select[name=maturity]", "pilot")
    page.select_option("select[name=industries]", ["38"])
    page.fill("textarea[name=problem]", "高镍正极材料循环寿命短。")
    page.fill("textarea[name=benefit]", "容量保持率提高15%。")
    page.fill("textarea[name=applications]", "动力电池、储能电池。")
    page.fill("input[name=free_months]", "6")
    page.select_option("select[name=royalty_basis]", "net_sales")
    page.fill("input[name=royalty_rate]", "3")
    page.fill("input[name=annual_cap]", "500000")
    page.click("form.tt-listing-form button[type=submit]")
    page.wait_for_selector("text=202210956187.7")
    sign_out(page)

    sign_in(page, "alice", PASSWORD)
    page.goto("/techtransfer/")
    page.fill("input[name=q]", "锂电池 正极")
    page.click("form.tt-search button[type=submit]")
    page.wait_for_selector(".tt-hit mark")
    page.click(".tt-hit h3 a")
    page.click("a[href$='/accept/']")
    page.check("input[name=agree]")
    page.click("form.stacked button[type=submit]")
    page.wait_for_selector(".tt-stage-trial")

    # Time moves forward: seven months pass, and the daily follow-up starts the paying stage.
    licence = Licence.objects.get()
    assert licence.acceptance.licence_text.version == "v1"
    months = timedelta(days=213)
    Licence.objects.filter(pk=licence.pk).update(
        starts_on=licence.starts_on - months, paying_from=licence.paying_from - months
    )
    follow_up_licences(today=timezone.localdate())
    licence.refresh_from_db()
    start = licence.paying_from

    page.reload()
    page.wait_for_selector(".tt-stage-paying")
    page.fill("input[name=period_start]", start.isoformat())
    page.fill("input[name=period_end]", (start + timedelta(days=29)).isoformat())
    page.fill("input[name=net_sales]", "200000")
    page.click("form.tt-report button[type=submit]")
    page.wait_for_selector("td.tt-amount")
    assert page.inner_text("td.tt-amount").startswith("6,000.00")  # money reads with separators
    sign_out(page)

    sign_in(page, "olivia", PASSWORD)
    page.goto(f"/techtransfer/licences/{licence.pk}/")
    page.fill("form.tt-payment input[name=amount]", "6000.00")
    page.fill("form.tt-payment input[name=reference]", "ICBC-0001")
    page.click("form.tt-payment button[type=submit]")
    page.wait_for_selector(".messages li.success")
    assert licence.statements.get().paid() == licence.statements.get().amount_due
    assert "0.00" in page.inner_text("table.tt-statements tfoot")
