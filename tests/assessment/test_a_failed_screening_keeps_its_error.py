from littlegiant.assessment import services
from tests.assessment.conftest import screen


def test_the_run_is_failed_with_the_message(
    hangzhou_reviewer, alpha, monkeypatch, django_capture_on_commit_callbacks
):
    def broken_engine(*args, **kwargs):
        raise RuntimeError("the engine could not read the file")

    monkeypatch.setattr(services, "assess_file", broken_engine)
    run = screen(hangzhou_reviewer, django_capture_on_commit_callbacks)
    assert run.status == "failed"
    assert "the engine could not read the file" in run.error
    assert run.finished_at is not None
    assert not run.result_path
    assert list(run.events.values_list("to_state", flat=True)) == ["queued", "running", "failed"]


def test_the_page_shows_the_error(
    client, hangzhou_reviewer, alpha, monkeypatch, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    monkeypatch.setattr(services, "assess_file", lambda *a, **k: (_ for _ in ()).throw(OSError("disk full")))
    screen(hangzhou_reviewer, django_capture_on_commit_callbacks)
    client.force_login(hangzhou_reviewer)
    assert "disk full" in client.get(reverse("assessment:screening")).content.decode()
