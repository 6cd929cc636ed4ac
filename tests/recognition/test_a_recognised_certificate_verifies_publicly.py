"""Recognition: a batch decision issues certificates that verify on a public page by their code."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from littlegiant.recognition import services
from littlegiant.recognition.models import ApplicationStatus, Recognition


@pytest.fixture
def passed(srdi_programme, alice, alpha, hangzhou_reviewer, provincial_reviewer):
    application = services.submit(
        services.start_application(srdi_programme, alpha, by=alice), by=alice, pledge=True
    )
    services.pass_stage(application, by=hangzhou_reviewer)
    application.refresh_from_db()
    services.draw_spot_checks(application.current_stage, by=hangzhou_reviewer, sample_size=1)
    services.record_spot_check(
        application.spot_checks.get(), by=hangzhou_reviewer, result="consistent", findings="ok"
    )
    notice = services.publish_notice(
        application.current_stage, by=hangzhou_reviewer, starts_on=dt.date.today() - dt.timedelta(days=20)
    )
    services.conclude_notice(notice, by=hangzhou_reviewer)
    application.refresh_from_db()
    services.pass_stage(application, by=provincial_reviewer)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PASSED
    return application


def test_the_province_recognises_and_the_certificate_verifies(client, passed, provincial_reviewer):
    batch = services.recognise(passed.programme, by=provincial_reviewer)
    recognition = Recognition.objects.get(batch=batch)
    assert len(recognition.certificate_code) == 16
    assert (recognition.valid_until - recognition.valid_from).days in {1094, 1095}
    page = client.get(f"/recognition/verify/?code={recognition.certificate_code.lower()}").content.decode()
    assert passed.enterprise.name in page
    assert (
        client.get("/recognition/verify/?code=AAAAAAAAAAAAAAAA")
        .content.decode()
        .count(passed.enterprise.name)
        == 0
    )
    listed = client.get("/recognition/recognised/?q=阿尔法").content.decode()
    assert passed.enterprise.name in listed


def test_the_certificate_is_a_pdf_for_the_owner(client, passed, provincial_reviewer, alice):
    from tests.cast import PASSWORD

    services.recognise(passed.programme, by=provincial_reviewer)
    recognition = Recognition.objects.get()
    client.login(username="alice", password=PASSWORD)
    response = client.get(f"/recognition/recognitions/{recognition.pk}/certificate.pdf")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")


def test_a_city_reviewer_cannot_recognise_an_srdi_programme(passed, hangzhou_reviewer):
    with pytest.raises(PermissionDenied, match="Provincial"):
        services.recognise(passed.programme, by=hangzhou_reviewer)


def test_the_api_verifies_without_sign_in(client, passed, provincial_reviewer):
    services.recognise(passed.programme, by=provincial_reviewer)
    code = Recognition.objects.get().certificate_code
    response = client.get(f"/api/recognition/certificates/{code}")
    assert response.status_code == 200
    assert response.json()["state"] == "valid"
