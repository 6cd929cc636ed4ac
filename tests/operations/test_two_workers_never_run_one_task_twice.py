"""Two task workers race for one queue on PostgreSQL: every task runs exactly once, on exactly one worker."""

from __future__ import annotations

import subprocess
from collections import Counter

from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from tests.operations.conftest import REPOSITORY, littlegiant, process_environment, stop
from tests.operations.probe import record_run

TASKS = 60
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}


def test_sixty_tasks_and_two_workers_give_sixty_runs(postgres_only, tmp_path):
    ledger = tmp_path / "runs.txt"
    with override_settings(TASKS=DATABASE_TASKS):
        for number in range(TASKS):
            record_run.enqueue(str(ledger), number)
    assert DBTaskResult.objects.filter(status="READY").count() == TASKS

    environment = process_environment(tmp_path)
    workers = [
        subprocess.Popen(
            littlegiant("worker", "--batch", "--interval", "0.1"), cwd=REPOSITORY, env=environment
        )
        for _ in range(2)
    ]
    try:
        for worker in workers:
            assert worker.wait(timeout=180) == 0
    finally:
        for worker in workers:
            stop(worker)

    runs = Counter(int(line) for line in ledger.read_text().split())
    assert sorted(runs) == list(range(TASKS))
    assert set(runs.values()) == {1}, {n: c for n, c in runs.items() if c > 1}
    results = list(DBTaskResult.objects.values_list("status", "worker_ids"))
    assert {status for status, _ in results} == {"SUCCESSFUL"}
    assert all(len(worker_ids) == 1 for _, worker_ids in results)
