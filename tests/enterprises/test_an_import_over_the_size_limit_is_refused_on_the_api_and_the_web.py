"""F5/F12 of the security review: the API import had no size limit (the web form did), and the web form said
"10.0 MB; the limit is 10.0 MB" for a file 19 bytes over."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from littlegiant.enterprises.forms import UploadForm
from littlegiant.enterprises.models import DataImport
from tests.enterprises.conftest import csv_bytes, filing_row

pytestmark = pytest.mark.django_db


def test_the_api_answers_413_without_reading_the_file(client, admin, settings, monkeypatch):
    def must_not_import(*args, **kwargs):
        raise AssertionError("an over-limit file was read")

    monkeypatch.setattr("littlegiant.enterprises.api.import_filings", must_not_import)
    data = csv_bytes([filing_row()])
    settings.MAX_UPLOAD_BYTES = len(data) - 1
    client.force_login(admin)
    upload = SimpleUploadedFile("filings.csv", data, content_type="text/csv")
    response = client.post("/api/enterprises/import", {"file": upload}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 413
    assert "limit" in response.json()["detail"]
    assert not DataImport.objects.exists()


def test_the_web_form_tells_sizes_apart_that_round_alike():
    limit = 10 * 1024 * 1024
    upload = SimpleUploadedFile("filings.csv", b"x")
    upload.size = limit + 19
    with translation.override("en"):
        form = UploadForm(data={}, files={"file": upload})
        assert not form.is_valid()
        assert form.errors["file"] == ["The file is 10,485,779 bytes; the limit is 10,485,760 bytes."]
