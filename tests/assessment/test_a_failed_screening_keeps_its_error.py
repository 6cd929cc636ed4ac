from littlegiant.assessment import execution
from tests.assessment.conftest import screen


def test_the_run_is_failed_with_the_message(
    hangzhou_reviewer, alpha, monkeypatch, django_capture_on_commit_callbacks
):
    def broken_engine(*args, **kwargs):
        raise RuntimeError("the engine could not read the file")

    monkeypatch.setattr(execution, "assess_file", broken_engine)
    run = screen(hangzhou_reviewer, django_capture_on_commit_callbacks)
    assert run.status == "failed"
    assert "the engine could not read the file" in run.error
    assert run.finished_at is not None
    assert not run.result_path
    assert list(run.events.values_list("to_state", flat=True)) == ["queued", "running", "failed"]
