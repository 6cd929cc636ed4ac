"""The platform's scheduler: enqueue each periodic job once per period, however many schedulers run.

Each firing first inserts a `PeriodicRun` row for (job, period start) and enqueues the task in the same
transaction. The row is unique, so when two schedulers fire together the second insert waits for the first and
fails, and the job is enqueued once; if the enqueue fails the claim rolls back with it and the next tick retries.
"""

from __future__ import annotations

import logging
import signal
import threading
from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, close_old_connections, transaction
from django.utils import timezone

from littlegiant import periodic
from littlegiant.operations.models import PeriodicRun

logger = logging.getLogger("littlegiant.tasks")

TICK_SECONDS = 30


@dataclass(frozen=True)
class Firing:
    """A job this scheduler enqueued for one period."""

    job: str
    period_start: datetime
    task_id: str


def fire_due_jobs(scheduler_id: str, now: datetime | None = None) -> list[Firing]:
    """Enqueue every job whose current period has not been claimed yet; return what this call enqueued."""
    now = now or timezone.now()
    fired: list[Firing] = []
    for job in periodic.jobs():
        start = job.period_start(now)
        if PeriodicRun.objects.filter(job=job.name, period_start=start).exists():
            continue
        try:
            with transaction.atomic():
                run = PeriodicRun.objects.create(
                    job=job.name, period_start=start, claimed_by=scheduler_id[:100]
                )
                result = job.task.enqueue()
                run.task_id = str(result.id)[:64]
                run.save(update_fields=["task_id"])
        except IntegrityError:
            continue  # another scheduler claimed this period between our check and our insert
        logger.info("periodic job enqueued", extra={"job": job.name, "task_id": run.task_id})
        fired.append(Firing(job=job.name, period_start=start, task_id=run.task_id))
    return fired


def run_forever(scheduler_id: str, tick_seconds: float = TICK_SECONDS) -> None:
    """Fire due jobs every tick until SIGTERM or SIGINT (the process `littlegiant serve` starts)."""
    stop = threading.Event()

    def _stop(signum: int, frame: object) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    logger.info("scheduler started", extra={"worker_id": scheduler_id})
    while not stop.is_set():
        close_old_connections()
        try:
            fire_due_jobs(scheduler_id)
        except Exception:  # the database may be restarting: log it and try again at the next tick
            logger.exception("Scheduler tick failed")
        stop.wait(tick_seconds)
    logger.info("scheduler stopped", extra={"worker_id": scheduler_id})
