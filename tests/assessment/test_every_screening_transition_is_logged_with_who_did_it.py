"""Every screening transition is logged with who did it."""

from tests.assessment.conftest import screen


def test_every_transition_is_logged_with_who_did_it(
    hangzhou_reviewer, alpha, django_capture_on_commit_callbacks
):
    run = screen(hangzhou_reviewer, django_capture_on_commit_callbacks)
    events = list(run.events.values_list("from_state", "to_state", "actor", "role"))
    assert events == [
        ("", "queued", hangzhou_reviewer.pk, "municipal reviewer"),
        ("queued", "running", None, "worker"),
        ("running", "done", None, "worker"),
    ]
    assert run.started_at <= run.finished_at
