"""POST /api/enterprises/import: the same all-or-nothing import, the report as JSON."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from littlegiant.enterprises.models import Enterprise
from tests.enterprises.conftest import GAMMA_CODE, csv_bytes, filing_row

pytestmark = pytest.mark.django_db


def _post(client, rows, **extra):
    upload = SimpleUploadedFile("filings.csv", csv_bytes(rows), content_type="text/csv")
    return client.post("/api/enterprises/import", {"file": upload, **extra}, HTTP_ACCEPT_LANGUAGE="en")


def test_a_bad_file_gets_422_and_the_rows(client, hangzhou_reviewer):
    client.force_login(hangzhou_reviewer)
    response = _post(client, [filing_row(), filing_row(year=2024, digital_level=9)])
    assert response.status_code == 422
    body = response.json()
    assert body["problems"] == [
        {"row": 3, "column": "digital_level", "value": "9", "problem": "must be at most 4"}
    ]
    assert not Enterprise.objects.filter(credit_code=GAMMA_CODE).exists()


def test_a_good_file_gets_the_counts(client, hangzhou_reviewer):
    client.force_login(hangzhou_reviewer)
    body = _post(client, [filing_row(), filing_row(year=2024)]).json()
    assert (body["ok"], body["enterprises_created"], body["filings_created"]) == (True, 1, 2)
    assert body["data_import_id"]


def test_an_owner_importing_another_enterprise_is_told_which_row(client, alice, beta):
    client.force_login(alice)
    row = filing_row(beta.credit_code, name=beta.name, region_code=beta.region_id)
    body = _post(client, [row]).json()
    assert body["problems"][0]["row"] == 2 and body["problems"][0]["problem"] == "not your enterprise"
