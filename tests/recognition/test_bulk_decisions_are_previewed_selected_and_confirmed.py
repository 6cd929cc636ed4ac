"""Publishing a notice and recognising are preview → select → confirm: the first post changes nothing and shows
the selected enterprises with the notice text, issuing body, contact phone and objection address; the confirmed
post acts on the selection only, and the notice carries its furniture and a number."""

from littlegiant.recognition import services
from littlegiant.recognition.models import Application, ApplicationStatus, PublicNotice, Recognition
from tests.cast import PASSWORD
from tests.recognition.conftest import through_the_city_stage

NOTICE = {
    "issuer": "杭州市经济和信息化局",
    "contact_phone": "0571-00000000",
    "objection_address": "杭州市某路1号",
    "body": "现将拟认定名单予以公示。",
}


def _passed_at_the_city(programme, enterprise, member, reviewer):
    application = services.submit(
        services.start_application(programme, enterprise, by=member), by=member, pledge=True
    )
    services.pass_stage(application, by=reviewer)
    application.refresh_from_db()
    return application


def test_a_notice_is_previewed_then_published_for_the_selection(
    client, srdi_programme, alpha, alice, hangzhou_reviewer
):
    application = _passed_at_the_city(srdi_programme, alpha, alice, hangzhou_reviewer)
    stage = application.current_stage
    client.login(username="hangzhou_reviewer", password=PASSWORD)
    url = f"/recognition/stages/{stage.pk}/notice/"
    assert alpha.name in client.get(url).content.decode()
    preview = client.post(url, {**NOTICE, "selected": [application.pk]})
    page = preview.content.decode()
    assert preview.status_code == 200
    assert "confirm-notice" in page and NOTICE["issuer"] in page and NOTICE["objection_address"] in page
    assert not PublicNotice.objects.exists()
    confirmed = client.post(url, {**NOTICE, "selected": [application.pk], "confirm": "on"})
    assert confirmed.status_code == 302
    notice = PublicNotice.objects.get()
    assert (notice.issuer, notice.contact_phone, notice.objection_address) == (
        NOTICE["issuer"],
        NOTICE["contact_phone"],
        NOTICE["objection_address"],
    )
    assert notice.number.startswith(f"GS-{notice.starts_on.year}-330100-")
    public = client.get(f"/recognition/notices/{notice.pk}/").content.decode()
    assert NOTICE["issuer"] in public and NOTICE["contact_phone"] in public and notice.number in public


def test_recognition_acts_on_the_selection_only(
    client, srdi_programme, alpha, alice, beta, bob, hangzhou_reviewer, ningbo_reviewer, provincial_reviewer
):
    chosen = services.submit(
        services.start_application(srdi_programme, alpha, by=alice), by=alice, pledge=True
    )
    left = services.submit(services.start_application(srdi_programme, beta, by=bob), by=bob, pledge=True)
    through_the_city_stage(chosen, hangzhou_reviewer)
    through_the_city_stage(left, ningbo_reviewer)
    for application in (chosen, left):
        services.pass_stage(application, by=provincial_reviewer)
    client.login(username="provincial_reviewer", password=PASSWORD)
    url = f"/recognition/programmes/{srdi_programme.pk}/recognise/"
    form = {"issuer": "浙江省经济和信息化厅", "number": "", "title": "", "selected": [chosen.pk]}
    preview = client.post(url, form).content.decode()
    assert "confirm-recognition" in preview and not Recognition.objects.exists()
    client.post(url, {**form, "confirm": "on"})
    title = Recognition.objects.get()
    assert title.application_id == chosen.pk
    assert title.batch.issuer == "浙江省经济和信息化厅" and title.batch.number.startswith("RD-")
    assert Application.objects.get(pk=left.pk).status == ApplicationStatus.PASSED


def test_the_decision_is_a_pdf_with_its_number(client, submitted, hangzhou_reviewer, provincial_reviewer):
    from tests.recognition.pdf_text import pdf_title

    through_the_city_stage(submitted, hangzhou_reviewer)
    services.pass_stage(submitted, by=provincial_reviewer)
    batch = services.recognise(submitted.programme, by=provincial_reviewer, issuer="浙江省经济和信息化厅")
    response = client.get(f"/recognition/batches/{batch.pk}/decision.pdf")
    assert response.status_code == 200 and pdf_title(response.content).startswith(batch.number)
