"""The SRDI journey in a browser: apply, be returned, resubmit, city review with a spot check and a public
notice, an anonymous objection resolved, provincial recognition, and a certificate that verifies publicly."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.cast import PASSWORD
from tests.e2e.conftest import sign_in
from tests.recognition.conftest import PDF, ensure_reference_data, make_programme


def person(browser, live_server, username: str | None):
    context = browser.new_context(
        base_url=live_server.url, locale="zh-CN", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    if username:
        sign_in(page, username, PASSWORD)
    return page


@pytest.fixture
def programme(transactional_db):
    ensure_reference_data()
    return make_programme("srdi_sme", title="2026年专精特新中小企业认定")


def decide(page, application_id: int, decision: str, comment: str = "") -> None:
    page.goto(f"/recognition/applications/{application_id}/")
    page.check(f"form.decide input[name=decision][value={decision}]")
    page.fill("form.decide textarea[name=comment]", comment)
    if decision == "pass" and page.locator("form.decide textarea[name=override_reason]").count():
        # An assessment that does not qualify passes only with a written reason.
        page.fill("form.decide textarea[name=override_reason]", "经核查，予以推荐。")
    page.click("form.decide button[type=submit]")
    page.wait_for_load_state()


def publish_notice(page) -> None:
    """From a stage page: select, write the notice's furniture, preview, confirm."""
    page.click("a.publish-notice")
    page.fill("form.notice-form input[name=issuer]", "杭州市经济和信息化局")
    page.fill("form.notice-form input[name=contact_phone]", "0571-87000000")
    page.fill("form.notice-form input[name=objection_address]", "杭州市解放东路18号")
    page.click("button.preview-notice")
    page.wait_for_selector("section.notice-preview")
    page.click("button.confirm-notice")
    page.wait_for_url("**/notices/*/manage/")


def recognise(page, programme_id: int, issuer: str) -> None:
    """From a programme page: select, preview and confirm the recognition decision."""
    page.goto(f"/recognition/programmes/{programme_id}/")
    page.click("a.recognise")
    page.fill("form.recognise-form input[name=issuer]", issuer)
    page.click("button.preview-recognition")
    page.wait_for_selector("section.decision-preview")
    page.click("button.confirm-recognition")
    page.wait_for_selector(".messages li.success")


def test_an_srdi_application_goes_from_draft_to_a_verified_certificate(
    page,
    browser,
    live_server,
    programme,
    alice,
    alpha,
    hangzhou_reviewer,
    provincial_reviewer,
    tmp_path,
    settings,
):
    from littlegiant.recognition.models import Application, PublicNotice, Recognition

    settings.MEDIA_ROOT = tmp_path / "uploads"
    evidence = tmp_path / "审计报告.pdf"
    evidence.write_bytes(PDF)

    # The enterprise applies, uploads evidence, signs the pledge and submits.
    sign_in(page, "alice", PASSWORD)
    page.goto("/recognition/")
    page.select_option("form.start-application select[name=programme]", str(programme.pk))
    page.click("form.start-application button[type=submit]")
    page.wait_for_url("**/recognition/applications/*/")
    application = Application.objects.get(enterprise=alpha)
    page.set_input_files("form.evidence-upload input[type=file]", str(evidence))
    page.click("form.evidence-upload button[type=submit]")
    page.wait_for_selector("table.evidence")
    page.check("form.submit-application input[name=pledge]")
    page.click("form.submit-application button[type=submit]")
    page.wait_for_selector("#application-status.status-in_review")

    # The municipal reviewer returns it, saying what to fix.
    city = person(browser, live_server, "hangzhou_reviewer")
    city.goto("/recognition/queue/")
    assert alpha.name in city.inner_text("table.queue")
    decide(city, application.pk, "return", "请补充2025年度研发费用专项审计报告。")
    city.wait_for_selector("#application-status.status-returned")

    # The enterprise sees what to fix, adds the document and resubmits; both versions are kept.
    page.goto(f"/recognition/applications/{application.pk}/")
    assert "专项审计报告" in page.inner_text(".returned-note")
    second = tmp_path / "研发费用专项审计报告.pdf"
    second.write_bytes(PDF + b"% audit\n")
    page.set_input_files("form.evidence-upload input[type=file]", str(second))
    page.click("form.evidence-upload button[type=submit]")
    page.wait_for_selector("table.evidence")
    page.check("form.submit-application input[name=pledge]")
    page.click("form.submit-application button[type=submit]")
    page.wait_for_selector("#application-status.status-in_review")
    assert "研发费用专项审计报告.pdf" in page.inner_text("section.history")

    # The city passes it, draws and records an on-site spot check, and publishes the notice.
    decide(city, application.pk, "pass", "材料齐全")
    city.wait_for_selector("#application-status.status-stage_passed")
    stage = application.programme.stages.get(order=1)
    city.goto(f"/recognition/stages/{stage.pk}/")
    city.fill("form.spot-check-draw input[name=sample_size]", "1")
    city.click("form.spot-check-draw button[type=submit]")
    city.select_option("form.record-spot-check select[name=result]", "consistent")
    city.fill("form.record-spot-check textarea[name=findings]", "现场核查研发台账与申报一致。")
    city.click("form.record-spot-check button[type=submit]")
    city.wait_for_selector("text=现场核查研发台账与申报一致。")
    publish_notice(city)
    notice = PublicNotice.objects.get()

    # An anonymous visitor lodges an objection on the public page.
    visitor = person(browser, live_server, None)
    visitor.goto("/recognition/notices/")
    visitor.click(f"a[href='/recognition/notices/{notice.pk}/']")
    assert alpha.name in visitor.inner_text("table")
    visitor.fill("form.objection input[name=name]", "张三")
    visitor.fill("form.objection input[name=contact]", "13800000000")
    visitor.fill("form.objection textarea[name=text]", "该企业的专利与主导产品无关。")
    visitor.click("form.objection button[type=submit]")
    visitor.wait_for_selector(".messages li.success")

    # The reviewer resolves it; once the notice has run (time passes), it is concluded.
    city.goto(f"/recognition/notices/{notice.pk}/manage/")
    city.fill(
        "form.resolve-objection textarea[name=resolution]", "经核实，专利为主导产品核心专利，异议不成立。"
    )
    city.check("form.resolve-objection input[name=upheld][value=no]")
    city.click("form.resolve-objection button[type=submit]")
    city.wait_for_selector("text=异议不成立")
    PublicNotice.objects.filter(pk=notice.pk).update(
        starts_on=notice.starts_on - dt.timedelta(days=10), ends_on=notice.ends_on - dt.timedelta(days=10)
    )
    city.goto(f"/recognition/notices/{notice.pk}/manage/")
    city.click("button.conclude-notice")
    city.wait_for_selector(".messages li.success")

    # The province passes and recognises it.
    province = person(browser, live_server, "provincial_reviewer")
    decide(province, application.pk, "pass", "同意认定")
    province.wait_for_selector("#application-status.status-passed")
    recognise(province, programme.pk, "浙江省经济和信息化厅")
    recognition = Recognition.objects.get(enterprise=alpha)

    # The certificate verifies on the public page.
    visitor.goto("/recognition/verify/")
    visitor.fill("form.verify input[name=code]", recognition.certificate_code)
    visitor.click("form.verify button[type=submit]")
    result = visitor.inner_text("#verification-result")
    assert alpha.name in result
    assert str(recognition.valid_until.year) in result
    page.goto(f"/recognition/applications/{application.pk}/")
    assert application.versions.count() == 2
