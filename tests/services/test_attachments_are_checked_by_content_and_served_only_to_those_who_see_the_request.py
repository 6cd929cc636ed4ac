"""Uploads: PDF, JPEG or PNG only, checked by content, size-limited, served only after a permission check."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from littlegiant.services import services
from littlegiant.services.models import RequestAttachment, ServiceRequest

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "uploads"
    return settings.MEDIA_ROOT


def _file(alice, alpha, *files):
    return services.file_request(
        alpha, by=alice, category="financing", title="贷款", description="说明", attachments=files
    )


def test_a_pdf_is_stored_outside_the_web_root_under_a_random_name(alice, alpha, xihu_centre, media_root):
    request = _file(alice, alpha, SimpleUploadedFile("报表.pdf", PDF, content_type="application/pdf"))
    item = request.attachments.get()
    assert item.content_type == "application/pdf" and item.original_name == "报表.pdf"
    stored = Path(media_root) / item.stored_as
    assert stored.read_bytes() == PDF
    assert "报表" not in item.stored_as


def test_a_renamed_executable_is_refused_and_nothing_is_written(alice, alpha, xihu_centre, media_root):
    fake = SimpleUploadedFile("invoice.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError) as error:
        _file(alice, alpha, fake)
    assert "not a PDF, JPEG or PNG" in str(error.value.message_dict["attachments"])
    assert not ServiceRequest.objects.exists()
    assert not Path(media_root).exists() or not any(Path(media_root).rglob("*.*"))


def test_a_file_over_the_limit_is_refused(alice, alpha, xihu_centre, settings):
    settings.MAX_UPLOAD_BYTES = 1024
    big = SimpleUploadedFile("big.png", PNG + b"\x00" * 2048, content_type="image/png")
    with pytest.raises(ValidationError, match="limit"):
        _file(alice, alpha, big)


def test_the_file_is_served_to_the_institution_but_not_to_another_enterprise(
    client, alice, alpha, bob, carol, xihu_centre
):
    request = _file(alice, alpha, SimpleUploadedFile("scan.png", PNG, content_type="image/png"))
    item = RequestAttachment.objects.get(request=request)
    url = reverse("services:attachment", args=[item.pk])
    client.force_login(carol)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == PNG
    client.force_login(bob)
    assert client.get(url).status_code == 404


def test_the_enterprise_adds_a_file_later_through_the_page(client, alice, alpha, xihu_centre):
    request = _file(alice, alpha)
    client.force_login(alice)
    response = client.post(
        reverse("services:request_action", args=[request.pk, "attach"]),
        {"attach-file": SimpleUploadedFile("more.pdf", PDF, content_type="application/pdf")},
    )
    assert response.status_code == 302
    assert request.attachments.count() == 1
