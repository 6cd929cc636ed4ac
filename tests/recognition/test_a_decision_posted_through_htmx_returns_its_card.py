"""A decision posted through htmx answers with the decision card (and the status and history swapped out of
band) instead of a redirect; a plain post still redirects to the page."""

from django.urls import reverse

from littlegiant.recognition.models import ApplicationStatus


def test_an_htmx_return_answers_with_the_card(client, submitted, hangzhou_reviewer):
    client.force_login(hangzhou_reviewer)
    response = client.post(
        reverse("recognition:application_decide", args=[submitted.pk]),
        {"decision": "return", "comment": "补充审计报告", "version": submitted.version},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="decision-card">')
    assert "<html" not in html
    assert 'id="application-status-card" hx-swap-oob="true"' in html
    assert 'id="application-history" hx-swap-oob="true"' in html
    submitted.refresh_from_db()
    assert submitted.status == ApplicationStatus.RETURNED


def test_a_plain_post_redirects(client, submitted, hangzhou_reviewer):
    client.force_login(hangzhou_reviewer)
    response = client.post(
        reverse("recognition:application_decide", args=[submitted.pk]),
        {"decision": "return", "comment": "补充审计报告", "version": submitted.version},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("recognition:application", args=[submitted.pk])


def test_an_htmx_upload_answers_with_the_evidence_card(client, draft, alice):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(alice)
    pdf = SimpleUploadedFile(
        "audit.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "application/pdf"
    )
    response = client.post(
        reverse("recognition:evidence_add", args=[draft.pk]),
        {"file": pdf, "criterion": "", "description": "审计报告"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="evidence-card">')
    assert "audit.pdf" in html
