"""Background tasks (Django's tasks framework): a scenario runs in the worker, as the batch screening does."""

from __future__ import annotations

from django.tasks import task


@task
def run_scenario(run_id: int) -> int:
    """Run a queued scenario to the end; a failure is recorded on the run with its message."""
    # services imports this module to enqueue; importing it here when the task runs keeps that one-way.
    from littlegiant.scenarios.services import execute_run

    return execute_run(run_id).pk
