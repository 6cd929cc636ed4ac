"""Evidence is recognised by its content, not its name, and size-limited; a refusal says why."""

from django.core.files.uploadedfile import SimpleUploadedFile

from littlegiant.recognition.models import Evidence
from tests.cast import PASSWORD
from tests.recognition.conftest import PDF


def _upload(client, application, name, content):
    client.login(username="alice", password=PASSWORD)
    return client.post(
        f"/recognition/applications/{application.pk}/evidence/",
        {
            "file": SimpleUploadedFile(name, content, content_type="application/pdf"),
            "criterion": "",
            "description": "",
        },
    )


def test_an_executable_named_pdf_is_refused_with_a_clear_message(client, draft):
    response = _upload(client, draft, "audit-report.pdf", b"MZ\x90\x00\x03" + b"\x00" * 100)
    assert response.status_code == 400
    assert "PDF, JPEG or PNG" in response.content.decode() or "PDF、JPEG 或 PNG" in response.content.decode()
    assert not Evidence.objects.exists()


def test_an_oversized_file_is_refused_with_the_limit(client, draft, settings):
    settings.MAX_UPLOAD_BYTES = 1024
    response = _upload(client, draft, "big.pdf", PDF + b"0" * 2048)
    assert response.status_code == 400
    assert "MB" in response.content.decode()
    assert not Evidence.objects.exists()


def test_a_real_pdf_is_stored_and_served_only_to_those_who_may_see_it(client, draft, bob, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    response = _upload(client, draft, "licence.pdf", PDF)
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert evidence.content_type == "application/pdf"
    assert not str(tmp_path).startswith(str(settings.STATIC_ROOT))
    assert client.get(f"/recognition/evidence/{evidence.pk}/").status_code == 200
    client.logout()
    client.login(username="bob", password=PASSWORD)
    assert client.get(f"/recognition/evidence/{evidence.pk}/").status_code == 404
