"""A worker killed while it holds a screening: the sweep marks the task and the run failed, with the reason."""

from __future__ import annotations

import signal
import subprocess
from datetime import timedelta

import psycopg
from django.db import connection
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from littlegiant.assessment.models import ScreeningRun
from littlegiant.assessment.services import start_screening
from littlegiant.operations.models import WorkerHeartbeat
from littlegiant.operations.workers import fail_abandoned_tasks
from tests.operations.conftest import REPOSITORY, littlegiant, process_environment, stop, wait_for

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}


def test_the_sweep_fails_the_run_of_a_killed_worker_and_spares_a_live_one(
    postgres_only, tmp_path, hangzhou_reviewer, alpha
):
    with override_settings(TASKS=DATABASE_TASKS):
        run = start_screening(hangzhou_reviewer, ["cn.miit.srdi-sme.2022"], 2025)
    task = DBTaskResult.objects.get()

    # Hold the run's row so that the worker, once it has claimed the task, waits inside it: mid-screening.
    db = connection.settings_dict
    holder = psycopg.connect(dbname=db["NAME"], user=db["USER"] or "postgres", host=db["HOST"] or "127.0.0.1")
    holder.execute("SELECT id FROM assessment_screeningrun WHERE id = %s FOR UPDATE", [run.pk])
    worker = subprocess.Popen(
        littlegiant("worker", "--interval", "0.2"), cwd=REPOSITORY, env=process_environment(tmp_path)
    )
    try:
        wait_for(lambda: DBTaskResult.objects.filter(pk=task.pk, status="RUNNING").exists(), 60, "the claim")
        assert WorkerHeartbeat.objects.filter(pid=worker.pid, stopped_at=None).exists()
        assert fail_abandoned_tasks().failed == []  # alive: its task is left alone

        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)
    finally:
        holder.rollback()
        holder.close()
        stop(worker)

    later = timezone.now() + timedelta(minutes=2)
    assert fail_abandoned_tasks(now=later).failed == [str(task.pk)]

    run = ScreeningRun.objects.get(pk=run.pk)
    assert run.status == "failed"
    assert "stopped answering" in run.error and f"process {worker.pid}" in run.error
    assert list(run.events.values_list("to_state", flat=True)) == ["queued", "failed"]
    task.refresh_from_db()
    assert task.status == "FAILED"
    assert task.exception_class_path == "littlegiant.operations.workers.WorkerLost"
    assert fail_abandoned_tasks(now=later).failed == []  # a second sweep finds nothing more
