"""Task workers: a heartbeat for each, and what happens to a task whose worker stopped beating.

Workers are django-tasks-db's, which claim each task in a transaction with SKIP LOCKED, so any number of them
may share one PostgreSQL database. This module adds a heartbeat thread to each worker and the sweep that fails
the tasks of a dead worker visibly, so that a killed worker never leaves a screening "running" for ever.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.tasks import TaskResultStatus
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from littlegiant.operations.models import TaskOrigin, WorkerHeartbeat
from littlegiant.operations.signals import task_abandoned

logger = logging.getLogger("littlegiant.tasks")

HEARTBEAT_SECONDS = 10
TASK_ORIGINS_KEPT = timedelta(days=30)
STOPPED_WORKERS_KEPT = timedelta(days=7)


def lost_after() -> timedelta:
    """How long a worker may stay silent before its running tasks count as abandoned."""
    return timedelta(seconds=settings.LITTLEGIANT_WORKER_LOST_AFTER_SECONDS)


def new_worker_id() -> str:
    """A worker id unique across machines and restarts (host, process, random suffix; at most 64 chars)."""
    return f"{socket.gethostname()[:40]}-{os.getpid()}-{get_random_string(6)}"


class HeartbeatWorker(Worker):
    """django-tasks-db's worker, with a thread that records every few seconds that the process is alive."""

    def run(self) -> None:
        WorkerHeartbeat.objects.update_or_create(
            worker_id=self.worker_id,
            defaults={"hostname": socket.gethostname(), "pid": os.getpid(), "last_seen": timezone.now()},
        )
        stop = threading.Event()
        beat = threading.Thread(target=self._beat, args=(stop,), name="heartbeat", daemon=True)
        beat.start()
        try:
            super().run()
        finally:
            stop.set()
            beat.join(timeout=HEARTBEAT_SECONDS)
            WorkerHeartbeat.objects.filter(worker_id=self.worker_id).update(stopped_at=timezone.now())

    def _beat(self, stop: threading.Event) -> None:
        try:
            while not stop.wait(HEARTBEAT_SECONDS):
                try:
                    WorkerHeartbeat.objects.filter(worker_id=self.worker_id).update(last_seen=timezone.now())
                except Exception:  # a database blip must not end the thread; the next beat tries again
                    logger.exception("Heartbeat of worker %s failed", self.worker_id)
                    close_old_connections()
        finally:
            connection.close()


def live_workers(now: datetime | None = None) -> int:
    """How many workers have beaten within the allowed silence and not stopped."""
    now = now or timezone.now()
    return WorkerHeartbeat.objects.filter(stopped_at=None, last_seen__gte=now - lost_after()).count()


class WorkerLost(RuntimeError):
    """The worker running this task stopped (killed, machine lost) before the task finished."""


@dataclass(frozen=True)
class AbandonedSweep:
    """What one sweep found: the tasks it failed, by id."""

    failed: list[str]


def fail_abandoned_tasks(now: datetime | None = None) -> AbandonedSweep:
    """Fail every running task whose worker is silent or stopped; tell the apps so they fail their records."""
    now = now or timezone.now()
    silent_since = now - lost_after()
    dead = {
        beat.worker_id: beat
        for beat in WorkerHeartbeat.objects.filter(last_seen__lt=silent_since)
        | WorkerHeartbeat.objects.exclude(stopped_at=None)
    }
    failed: list[str] = []
    for candidate in DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).only("id", "worker_ids"):
        worker_id = candidate.worker_ids[-1] if candidate.worker_ids else ""
        beat = dead.get(worker_id)
        # A worker that never beat (a plain `db_worker`) is not ours to judge: its tasks are left alone.
        if beat is None:
            continue
        when = beat.stopped_at or beat.last_seen
        reason = (
            f"The worker {worker_id} on {beat.hostname} (process {beat.pid}) stopped answering at "
            f"{timezone.localtime(when):%Y-%m-%d %H:%M:%S} while running this task; it was not finished."
        )
        with transaction.atomic():
            task = DBTaskResult.objects.select_for_update().filter(pk=candidate.pk).first()
            if task is None or task.status != TaskResultStatus.RUNNING:
                continue  # finished meanwhile
            task.set_failed(WorkerLost(reason))
            task_abandoned.send(
                sender=WorkerLost,
                task_id=str(task.pk),
                task_path=task.task_path,
                args=task.args_kwargs.get("args", []),
                kwargs=task.args_kwargs.get("kwargs", {}),
                reason=reason,
            )
        logger.error(reason, extra={"task_id": str(task.pk), "task": task.task_path, "worker_id": worker_id})
        failed.append(str(task.pk))
    TaskOrigin.objects.filter(created_at__lt=now - TASK_ORIGINS_KEPT).delete()
    WorkerHeartbeat.objects.filter(last_seen__lt=now - STOPPED_WORKERS_KEPT).delete()
    return AbandonedSweep(failed=failed)
