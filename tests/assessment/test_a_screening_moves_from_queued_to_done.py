from django.urls import reverse

from littlegiant.assessment.models import ScreeningRun
from littlegiant.assessment.services import start_screening
from tests.assessment.conftest import screen


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


def test_the_page_polls_only_while_it_runs(
    client, hangzhou_reviewer, alpha, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        queued = start_screening(hangzhou_reviewer, ["cn.miit.srdi-sme.2022"], 2025)
    done = screen(hangzhou_reviewer, django_capture_on_commit_callbacks)
    client.force_login(hangzhou_reviewer)
    html = client.get(reverse("assessment:screening")).content.decode()
    assert f'hx-get="{reverse("assessment:screening_run", args=[queued.pk])}" hx-trigger="every 2s"' in html
    assert f'hx-get="{reverse("assessment:screening_run", args=[done.pk])}"' not in html
    fragment = client.get(reverse("assessment:screening_run", args=[done.pk])).content.decode()
    assert "<html" not in fragment and "results.csv" in fragment


def test_the_form_starts_a_run(client, hangzhou_reviewer, alpha, django_capture_on_commit_callbacks):
    client.force_login(hangzhou_reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("assessment:screening"), {"packs": ["cn.miit.srdi-sme.2022"], "year": 2025}
        )
    assert response.status_code == 302
    run = ScreeningRun.objects.get()
    assert (run.status, run.total, run.requested_by) == ("done", 1, hangzhou_reviewer)


def test_a_second_delivery_of_the_task_changes_nothing(
    hangzhou_reviewer, alpha, django_capture_on_commit_callbacks
):
    from littlegiant.assessment.services import execute_screening

    run = screen(hangzhou_reviewer, django_capture_on_commit_callbacks)
    again = execute_screening(run.pk)
    assert (again.status, again.finished_at, again.events.count()) == ("done", run.finished_at, 3)
