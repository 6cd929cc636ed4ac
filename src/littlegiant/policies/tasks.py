"""Background tasks (Django's tasks framework): a policy's 免申即享 run goes to the worker, not the request."""

from __future__ import annotations

from django.tasks import task


@task
def run_policy(run_id: int) -> int:
    """Run a queued 免申即享 run to the end; a failure is recorded on the run with its message."""
    # services imports this module to enqueue; importing it here when the task runs keeps that one-way.
    from littlegiant.policies.services import execute_run

    return execute_run(run_id).pk
