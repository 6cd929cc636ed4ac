"""The one background-run base: a job a person starts and a worker runs (a screening, a policy's qualifying list,
a scenario), queued, then running, then done or failed, with its progress and its error.

`BackgroundRun` is the abstract model (status, progress, when, error, task) with the constraints every run
keeps; an app's run subclasses it and adds what the run is about and what it produced. The state functions
below are the one way to move a run: each locks the row, checks where it stands, changes it and calls the
app's `record(run, from_status)` in the same transaction, so the app writes its own audit event with it.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from django.conf import settings
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.tasks import Task


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


UNFINISHED = (RunStatus.QUEUED, RunStatus.RUNNING)
ERROR_LENGTH = 2000


class BackgroundRun(models.Model):
    """A run in the background (abstract): subclasses add what it runs over and what it keeps."""

    # How much of the progress bar reading the filings fills: a run with more work after the reading (a
    # scenario comparing its results) gives the reading less, and shows 100 only when it is done.
    READING_PERCENT: ClassVar[int] = 100

    status = models.CharField(
        _("status"), max_length=16, choices=RunStatus.choices, default=RunStatus.QUEUED, db_index=True
    )
    total = models.PositiveIntegerField(_("filings to read"), default=0)
    processed = models.PositiveIntegerField(_("filings read"), default=0)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    task_id = models.CharField(_("task"), max_length=64, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(processed__lte=F("total")),
                name="%(app_label)s_%(class)s_processed_within_total",
                violation_error_message=_("A run cannot have read more filings than it has to read."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=RunStatus.values),
                name="%(app_label)s_%(class)s_status_known",
                violation_error_message=_("Unknown run status."),
            ),
            models.CheckConstraint(
                condition=~Q(status=RunStatus.FAILED) | ~Q(error=""),
                name="%(app_label)s_%(class)s_failure_has_error",
                violation_error_message=_("A failed run must say what went wrong."),
            ),
        ]

    @property
    def is_finished(self) -> bool:
        return self.status in {RunStatus.DONE, RunStatus.FAILED}

    @property
    def is_done(self) -> bool:
        return self.status == RunStatus.DONE

    @property
    def is_failed(self) -> bool:
        return self.status == RunStatus.FAILED

    @property
    def percent(self) -> int:
        """Share of the work done, for the progress bar: the filings read, within READING_PERCENT."""
        if self.status == RunStatus.DONE:
            return 100
        if not self.total:
            return 0
        return min(self.READING_PERCENT, self.processed * self.READING_PERCENT // self.total)


Record = Callable[[Any, str], object]  # (run, from_status): the app's audit event, in the same transaction


class RunNotQueued(RuntimeError):
    """A worker picked up a run that is no longer waiting (delivered twice, or already run by hand)."""


def begin[R: BackgroundRun](
    runs: models.QuerySet[R], run_id: int, *, total: Callable[[R], int], record: Record
) -> R:
    """Move a queued run to running, counting what it will read; RunNotQueued if it is not queued."""
    with transaction.atomic():
        # of=("self",): PostgreSQL cannot lock the nullable side (a region) of an outer join.
        run = runs.select_for_update(of=("self",)).get(pk=run_id)
        if run.status != RunStatus.QUEUED:
            raise RunNotQueued(f"{type(run).__name__} {run_id} is {run.status}, not queued.")
        run.status = RunStatus.RUNNING
        run.started_at = timezone.now()
        run.total = total(run)
        run.save()
        record(run, RunStatus.QUEUED)
    return run


def progress[R: BackgroundRun](runs: models.QuerySet[R], run_id: int, total: int) -> Callable[[int], None]:
    """A callback writing how many filings a running run has read (never more than its total)."""

    def write(processed: int) -> None:
        runs.filter(pk=run_id).update(processed=min(processed, total))

    return write


def finish[R: BackgroundRun](runs: models.QuerySet[R], run_id: int, *, record: Record, **results: Any) -> R:
    """Mark a run done with what it produced (`summary=…`, `result_path=…`): everything read."""
    with transaction.atomic():
        run = runs.select_for_update(of=("self",)).get(pk=run_id)
        before = run.status
        for name, value in results.items():
            setattr(run, name, value)
        run.processed = run.total
        run.finished_at = timezone.now()
        run.status = RunStatus.DONE
        run.save()
        record(run, before)
    return run


def fail[R: BackgroundRun](runs: models.QuerySet[R], run_id: int, message: str, *, record: Record) -> R:
    """Mark a run failed, keeping the error message for the person who started it."""
    with transaction.atomic():
        run = runs.select_for_update(of=("self",)).get(pk=run_id)
        before = run.status
        run.status = RunStatus.FAILED
        run.error = message[:ERROR_LENGTH] or str(_("Unknown error"))
        run.finished_at = timezone.now()
        run.save()
        record(run, before)
    return run


def is_unfinished[R: BackgroundRun](runs: models.QuerySet[R], run_id: int) -> bool:
    """Whether the run is still queued or running (a worker that died leaves it so: it is then failed)."""
    return runs.filter(pk=run_id, status__in=UNFINISHED).exists()


def fail_if_abandoned[R: BackgroundRun](
    runs: models.QuerySet[R],
    task: Task,
    failed: Callable[[int, str], object],
    scratch: str = "",
    *,
    task_path: str,
    args: Sequence[Any],
    reason: str,
    **signal: Any,
) -> None:
    """An app's answer to `task_abandoned`: if the dead worker was running `task` on one of these runs (the run's
    id its first argument) and left it unfinished, `failed(run_id, reason)` marks it failed, never left
    running, and its folder in `scratch` (under MEDIA_ROOT) goes: what the dead worker had written there is
    incomplete and must not be mistaken for a result."""
    if task_path != task.module_path or not args:
        return
    run_id = int(args[0])
    if is_unfinished(runs, run_id):
        failed(run_id, reason)
        if scratch:
            shutil.rmtree(Path(settings.MEDIA_ROOT) / scratch / str(run_id), ignore_errors=True)


def keep_task_id[R: BackgroundRun](runs: models.QuerySet[R], run_id: int, task_result: Any) -> None:
    """Note the queued task's id on the run (the first one, if it was enqueued twice)."""
    runs.filter(pk=run_id, task_id="").update(task_id=str(task_result.id)[:64])


def _record_nothing(run: BackgroundRun, from_status: str) -> None:
    """The record of a step the app's trail leaves out."""


def execute[R: BackgroundRun](
    runs: models.QuerySet[R],
    run_id: int,
    *,
    name: str,
    logger: logging.Logger,
    total: Callable[[R], int],
    work: Callable[[R], dict[str, Any]],
    finished: Record,
    failed: Callable[[int, str], object],
    began: Record | None = None,
) -> R:
    """A worker runs a queued run to the end: `begin` it, `work(run)`, then `finish` it with the results `work`
    returns (`summary=…`, …). A run no longer queued is left as it stands; an error fails the run through
    `failed(run_id, message)` and is raised again, for the task backend to see. `name` names the run in the log;
    without `began`, the trail has nothing for the start (it holds the request and the end)."""
    try:
        run = begin(runs, run_id, total=total, record=began or _record_nothing)
        results = work(run)
    except RunNotQueued:
        # Delivered twice, or already run by hand: the first run's outcome stands.
        logger.warning("%s %s was not queued any more; nothing done.", name, run_id)
        return runs.get(pk=run_id)
    except Exception as error:
        logger.exception("%s %s failed", name, run_id)
        failed(run_id, f"{type(error).__name__}: {error}")
        raise
    return finish(runs, run_id, record=finished, **results)
