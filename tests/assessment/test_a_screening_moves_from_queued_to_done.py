from littlegiant.assessment.models import ScreeningRun
from littlegiant.assessment.services import start_screening


def test_it_waits_queued_until_the_transaction_commits(
    hangzhou_reviewer, alpha, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        run = start_screening(hangzhou_reviewer, ["cn.miit.srdi-sme.2022"], 2025)
    assert ScreeningRun.objects.get(pk=run.pk).status == "queued"
    assert len(callbacks) == 1
    callbacks[0]()
    run.refresh_from_db()
    assert run.status == "done"
    assert run.task_id
