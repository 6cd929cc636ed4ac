"""Background work of the platform itself, run by the task workers like any other task."""

from __future__ import annotations

from django.tasks import task

from littlegiant.operations import workers


@task
def fail_abandoned_tasks() -> dict[str, int]:
    """Periodic: fail the running tasks of workers that stopped beating (a killed worker), with the reason."""
    return {"failed": len(workers.fail_abandoned_tasks().failed)}
