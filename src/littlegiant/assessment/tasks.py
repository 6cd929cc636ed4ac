"""Background tasks (Django's tasks framework): the batch screening runs in the worker, not in the request."""

from __future__ import annotations

from django.tasks import task

from littlegiant.assessment.execution import execute_screening


@task
def run_screening(run_id: int) -> int:
    """Run a queued screening to the end; a failure is recorded on the run with its message."""
    return execute_screening(run_id).pk
