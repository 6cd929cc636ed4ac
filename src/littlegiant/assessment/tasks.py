"""Background tasks (Django's tasks framework): the batch screening runs in the worker, not in the request."""

from __future__ import annotations

import shutil
from pathlib import Path

from django.conf import settings
from django.tasks import task

from littlegiant import runs
from littlegiant.assessment.models import ScreeningRun


@task
def run_screening(run_id: int) -> int:
    """Run a queued screening to the end; a failure is recorded on the run with its message."""
    # services imports this module to enqueue; importing it here when the task runs keeps that one-way.
    from littlegiant.assessment.services import execute_screening

    return execute_screening(run_id).pk


def fail_abandoned_screening(
    sender: object, *, task_path: str, args: list, reason: str, **kwargs: object
) -> None:
    """A screening whose worker died is marked failed with the reason, never left running (task_abandoned)."""
    from littlegiant.assessment.services import SCREENING_DIR, fail_screening

    if task_path != run_screening.module_path or not args:
        return
    run_id = int(args[0])
    if runs.is_unfinished(ScreeningRun.objects, run_id):
        fail_screening(run_id, reason)
        # What the dead worker had written is incomplete: it must not be mistaken for a result.
        shutil.rmtree(Path(settings.MEDIA_ROOT) / SCREENING_DIR / str(run_id), ignore_errors=True)
