"""A second delivery of the screening task changes nothing."""

from tests.assessment.conftest import screen


def test_a_second_delivery_of_the_task_changes_nothing(
    hangzhou_reviewer, alpha, django_capture_on_commit_callbacks
):
    from littlegiant.assessment.execution import execute_screening

    run = screen(hangzhou_reviewer, django_capture_on_commit_callbacks)
    again = execute_screening(run.pk)
    assert (again.status, again.finished_at, again.events.count()) == ("done", run.finished_at, 3)
