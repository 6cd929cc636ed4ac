"""Background tasks (Django's tasks framework): a policy's 免申即享 run goes to the worker, not the request."""

from __future__ import annotations

import shutil
from pathlib import Path

from django.conf import settings
from django.tasks import task

from littlegiant import runs
from littlegiant.policies.models import PolicyRun


@task
def run_policy(run_id: int) -> int:
    """Run a queued 免申即享 run to the end; a failure is recorded on the run with its message."""
    # services imports this module to enqueue; importing it here when the task runs keeps that one-way.
    from littlegiant.policies.services import execute_run

    return execute_run(run_id).pk


def fail_abandoned_run(sender: object, *, task_path: str, args: list, reason: str, **kwargs: object) -> None:
    """A run whose worker died is marked failed with the reason, never left running (task_abandoned)."""
    from littlegiant.policies.services import RUNS_DIR, fail_run

    if task_path != run_policy.module_path or not args:
        return
    run_id = int(args[0])
    if runs.is_unfinished(PolicyRun.objects, run_id):
        fail_run(run_id, reason)
        shutil.rmtree(Path(settings.MEDIA_ROOT) / RUNS_DIR / str(run_id), ignore_errors=True)
