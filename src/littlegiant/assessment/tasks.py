"""Background tasks (Django's tasks framework): the batch screening runs in the worker, not in the request."""

from __future__ import annotations

from django.tasks import task


@task
def run_screening(run_id: int) -> int:
    """Run a queued screening to the end; a failure is recorded on the run with its message."""
    # services imports this module to enqueue; importing it here when the task runs keeps that one-way.
    from littlegiant.assessment.services import execute_screening

    return execute_screening(run_id).pk
