"""Background tasks (Django's tasks framework): a scenario runs in the worker, as the batch screening does."""

from __future__ import annotations

from django.tasks import task

from littlegiant.scenarios.execution import execute_run


@task
def run_scenario(run_id: int) -> int:
    """Run a queued scenario to the end; a failure is recorded on the run with its message."""
    return execute_run(run_id).pk
