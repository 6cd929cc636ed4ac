"""`serve_upload` sends a stored file as an attachment with nosniff, and 404 for a missing or escaping path."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from littlegiant.uploads import serve_upload, store_upload


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_it_serves_a_stored_file_as_an_attachment():
    stored = store_upload(SimpleUploadedFile("a.pdf", b"%PDF-1.4 test"), folder="evidence")
    response = serve_upload(stored, content_type="application/pdf", filename="report.pdf")
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"


@pytest.mark.parametrize("path", ["../outside.pdf", "evidence/missing.pdf"])
def test_it_answers_404_for_a_missing_or_escaping_path(path):
    with pytest.raises(Http404):
        serve_upload(path, content_type="application/pdf", filename="x.pdf")
