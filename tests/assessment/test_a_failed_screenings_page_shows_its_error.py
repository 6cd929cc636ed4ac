"""A failed screening's page shows its error."""

from littlegiant.assessment import execution
from tests.assessment.conftest import screen


def test_the_page_shows_the_error(
    client, hangzhou_reviewer, alpha, monkeypatch, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    monkeypatch.setattr(execution, "assess_file", lambda *a, **k: (_ for _ in ()).throw(OSError("disk full")))
    screen(hangzhou_reviewer, django_capture_on_commit_callbacks)
    client.force_login(hangzhou_reviewer)
    assert "disk full" in client.get(reverse("assessment:screening")).content.decode()
