"""A title's certificate, its public verification (page and API) and its PDF show the name and credit code the
title was granted under: renaming the enterprise afterwards cannot make a genuine certificate vouch for another
company (security review F1)."""

import pytest

from littlegiant.enterprises.models import Enterprise
from littlegiant.recognition import services
from littlegiant.recognition.models import Recognition
from tests.cast import PASSWORD
from tests.recognition.conftest import through_the_city_stage
from tests.recognition.pdf_text import pdf_title

GRANTED = "杭州阿尔法光电科技有限公司"
FORGED = "阿里巴巴（中国）有限公司"


@pytest.fixture
def renamed_title(submitted, hangzhou_reviewer, provincial_reviewer):
    through_the_city_stage(submitted, hangzhou_reviewer)
    services.pass_stage(submitted, by=provincial_reviewer)
    services.recognise(submitted.programme, by=provincial_reviewer)
    title = Recognition.objects.get()
    granted_code = submitted.enterprise.credit_code
    Enterprise.objects.filter(pk=submitted.enterprise_id).update(
        name=FORGED, credit_code="91330106MANPMNFC8J"
    )
    title.refresh_from_db()
    return title, granted_code


def test_verification_shows_the_granted_name(client, renamed_title):
    title, granted_code = renamed_title
    page = client.get(f"/recognition/verify/?code={title.certificate_code}").content.decode()
    assert GRANTED in page and granted_code in page
    assert FORGED not in page


def test_the_api_shows_the_granted_name(client, renamed_title):
    title, granted_code = renamed_title
    body = client.get(f"/api/recognition/certificates/{title.certificate_code}").json()
    assert (body["enterprise"], body["credit_code"]) == (GRANTED, granted_code)


def test_the_pdf_shows_the_granted_name(client, renamed_title, alice):
    title, _granted_code = renamed_title
    client.login(username="alice", password=PASSWORD)
    response = client.get(f"/recognition/recognitions/{title.pk}/certificate.pdf")
    assert response.status_code == 200
    assert pdf_title(response.content).startswith(GRANTED)


def test_the_public_list_shows_the_granted_name(client, renamed_title):
    listed = client.get("/recognition/recognised/").content.decode()
    assert GRANTED in listed and FORGED not in listed
