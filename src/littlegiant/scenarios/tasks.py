"""Background tasks (Django's tasks framework): a scenario runs in the worker, as the batch screening does."""

from __future__ import annotations

from django.tasks import task

from littlegiant import runs
from littlegiant.scenarios.models import ScenarioRun


@task
def run_scenario(run_id: int) -> int:
    """Run a queued scenario to the end; a failure is recorded on the run with its message."""
    # services imports this module to enqueue; importing it here when the task runs keeps that one-way.
    from littlegiant.scenarios.services import execute_run

    return execute_run(run_id).pk


def fail_abandoned_run(sender: object, *, task_path: str, args: list, reason: str, **kwargs: object) -> None:
    """A run whose worker died is marked failed with the reason, never left running (task_abandoned)."""
    from littlegiant.scenarios.services import fail_run

    if task_path != run_scenario.module_path or not args:
        return
    run_id = int(args[0])
    if runs.is_unfinished(ScenarioRun.objects, run_id):
        fail_run(run_id, reason)
