"""The whole recognition journey in the demo, in one sitting, as the README's tour describes it: the owner reads
the self-assessment and submits the showcase enterprise's SRDI draft; the Hangzhou reviewer passes it (with the
override reason its assessment asks for), records the spot checks, previews and publishes the notice, ends the
notice period with the demo's clock control and concludes it; the provincial reviewer passes it and recognises
it; an anonymous visitor verifies the certificate."""

from __future__ import annotations

import pytest
from django.test import override_settings

from littlegiant.accounts.demo import DEMO_PASSWORD
from littlegiant.demo.build import build_demo
from littlegiant.recognition.models import Application, Recognition
from tests.e2e.conftest import sign_in
from tests.e2e.test_srdi_application_journey import decide


@pytest.fixture
def demo(transactional_db):
    return build_demo(enterprises=1500, app_demos=("recognition",), log=lambda line: None)


def person(browser, live_server, username: str | None):
    context = browser.new_context(
        base_url=live_server.url, locale="zh-CN", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(20_000)
    page = context.new_page()
    if username:
        sign_in(page, username, DEMO_PASSWORD)
    return page


@override_settings(DEMO=True)
def test_the_owner_is_recognised_and_the_certificate_verifies(page, browser, live_server, demo):
    application = Application.objects.select_related("enterprise").get(
        enterprise__memberships__user__username="owner", programme__tier="srdi_sme"
    )
    enterprise = application.enterprise

    # The owner reads the self-assessment, then submits the draft.
    sign_in(page, "owner", DEMO_PASSWORD)
    page.goto(f"/assessment/enterprises/{enterprise.pk}/")
    assert "专精特新" in page.inner_text("#tier-summary")
    page.goto(f"/recognition/applications/{application.pk}/")
    page.check("form.submit-application input[name=pledge]")
    page.click("form.submit-application button[type=submit]")
    page.wait_for_selector("#application-status.status-in_review")

    # The city passes it, records the spot checks drawn at its stage, and publishes a notice listing it.
    city = person(browser, live_server, "reviewer_hangzhou")
    decide(city, application.pk, "pass", "材料齐全")
    city.wait_for_selector("#application-status.status-stage_passed")
    city.click("p.next-step a")
    city.wait_for_selector("form.notice-form")
    stage = application.programme.stages.get(order=1)
    city.goto(f"/recognition/stages/{stage.pk}/")
    while city.locator("form.record-spot-check").count():
        form = city.locator("form.record-spot-check").first
        form.locator("select[name=result]").select_option("consistent")
        form.locator("textarea[name=findings]").fill("现场核查与申报一致。")
        form.locator("button[type=submit]").click()
        city.wait_for_load_state()
    city.goto(f"/recognition/stages/{stage.pk}/notice/")
    for box in city.locator("form.notice-form input[name=selected]").all():
        if box.get_attribute("value") != str(application.pk):
            box.uncheck()
    city.fill("form.notice-form input[name=issuer]", "杭州市经济和信息化局")
    city.fill("form.notice-form input[name=contact_phone]", "0571-87000000")
    city.fill("form.notice-form input[name=objection_address]", "杭州市解放东路18号")
    city.click("button.preview-notice")
    assert enterprise.name in city.inner_text("section.notice-preview")
    city.click("button.confirm-notice")
    city.wait_for_url("**/notices/*/manage/")

    # The demo's clock control ends the notice period; the reviewer concludes the notice today.
    city.click("button.demo-end-notice")
    city.wait_for_selector("button.conclude-notice")
    city.click("button.conclude-notice")
    city.wait_for_selector(".messages li.success")

    # The province passes it and recognises it alone.
    province = person(browser, live_server, "reviewer_zhejiang")
    decide(province, application.pk, "pass", "同意认定")
    province.wait_for_selector("#application-status.status-passed")
    province.goto(f"/recognition/programmes/{application.programme_id}/recognise/")
    for box in province.locator("form.recognise-form input[name=selected]").all():
        if box.get_attribute("value") != str(application.pk):
            box.uncheck()
    province.fill("form.recognise-form input[name=issuer]", "浙江省经济和信息化厅")
    province.click("button.preview-recognition")
    assert enterprise.name in province.inner_text("section.decision-preview")
    province.click("button.confirm-recognition")
    province.wait_for_selector(".messages li.success")
    title = Recognition.objects.get(application=application)
    assert title.enterprise_name == enterprise.name

    # Anyone verifies the certificate.
    visitor = person(browser, live_server, None)
    visitor.goto("/recognition/verify/")
    visitor.fill("form.verify input[name=code]", title.certificate_code)
    visitor.click("form.verify button[type=submit]")
    assert enterprise.name in visitor.inner_text("#verification-result")
