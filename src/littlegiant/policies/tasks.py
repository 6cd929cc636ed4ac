"""Background tasks (Django's tasks framework): a policy's 免申即享 run goes to the worker, not the request."""

from __future__ import annotations

from django.tasks import task

from littlegiant.policies.execution import execute_run


@task
def run_policy(run_id: int) -> int:
    """Run a queued 免申即享 run to the end; a failure is recorded on the run with its message."""
    return execute_run(run_id).pk
