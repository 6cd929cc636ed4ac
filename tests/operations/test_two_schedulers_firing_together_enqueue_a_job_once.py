"""Periodic jobs are declared once and claimed once per period, even when two schedulers fire together."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from littlegiant import periodic
from littlegiant.operations.models import PeriodicRun
from littlegiant.operations.scheduler import fire_due_jobs

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
# The review's three patterns (structure-2026-12.md §4.4), now one declaration each.
EXPECTED_JOBS = {
    "services.escalate_overdue_requests",
    "techtransfer.follow_up_licences",
    "figures.refresh_registry",
    "recognition.flag_missed_annual_updates",
    "recognition.remind_cluster_reports",
    "operations.fail_abandoned_tasks",
}


def test_every_periodic_job_of_the_platform_is_declared():
    assert {job.name for job in periodic.jobs()} == EXPECTED_JOBS


def test_a_daily_period_starts_at_local_midnight():
    job = periodic.job("techtransfer.follow_up_licences")
    now = timezone.make_aware(timezone.datetime(2026, 5, 1, 23, 59), timezone.get_default_timezone())
    start = job.period_start(now)
    assert timezone.localtime(start).replace(tzinfo=None) == timezone.datetime(2026, 5, 1, 0, 0)


def test_a_second_tick_in_the_same_period_enqueues_nothing_and_the_next_period_fires_again(db):
    now = timezone.now()
    with override_settings(TASKS=DATABASE_TASKS):
        first = fire_due_jobs("one", now)
        again = fire_due_jobs("two", now + timedelta(seconds=1))
        next_day = fire_due_jobs("two", now + timedelta(days=1))
    assert {f.job for f in first} == EXPECTED_JOBS
    assert again == []
    assert {f.job for f in next_day} == EXPECTED_JOBS
    assert DBTaskResult.objects.count() == 2 * len(EXPECTED_JOBS)


def test_two_schedulers_in_two_connections_enqueue_each_job_once(transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("Concurrent schedulers share PostgreSQL; SQLite serialises writers anyway.")
    now = timezone.now()
    start = threading.Barrier(2)
    fired: dict[str, list] = {}

    def scheduler(name: str) -> None:
        try:
            start.wait()
            fired[name] = fire_due_jobs(name, now)
        finally:
            connection.close()

    with override_settings(TASKS=DATABASE_TASKS):
        threads = [threading.Thread(target=scheduler, args=(name,)) for name in ("a", "b")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    assert sorted(f.job for f in fired["a"] + fired["b"]) == sorted(EXPECTED_JOBS)
    assert PeriodicRun.objects.count() == DBTaskResult.objects.count() == len(EXPECTED_JOBS)
