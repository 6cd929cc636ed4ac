"""Under `littlegiant serve` a task worker runs at a lower CPU priority with a bounded number of DuckDB threads,
so that a screening yields to requests (docs/operations.md, "What runs")."""

from __future__ import annotations

import os
import sys

from littlegiant.operations.cli import worker
from littlegiant.operations.serving import Child, ServeOptions, children_for
from littlegiant.operations.workers import HeartbeatWorker


def _options(**changes: object) -> ServeOptions:
    values: dict[str, object] = {
        "host": "127.0.0.1",
        "port": 8000,
        "web_workers": 4,
        "task_workers": 2,
        "scheduler": True,
        "timeout": 60,
        "max_requests": 5000,
    }
    values.update(changes)
    return ServeOptions(**values)  # type: ignore[arg-type]


def test_by_default_each_task_worker_gets_one_duckdb_thread_and_nice_10():
    workers = [c for c in children_for(_options()) if c.name.startswith("worker-")]
    assert len(workers) == 2
    for child in workers:
        assert child.command[-2:] == ["worker", "--nice=10"]
        assert child.environment == {"LITTLEGIANT_DUCKDB_THREADS": "1"}


def test_the_web_and_the_scheduler_keep_the_normal_priority_and_environment():
    others = [c for c in children_for(_options()) if not c.name.startswith("worker-")]
    assert {c.name for c in others} == {"web", "scheduler"}
    assert all(c.environment is None and not any("--nice" in a for a in c.command) for c in others)


def test_the_operator_can_choose_threads_and_priority():
    (worker,) = [
        c
        for c in children_for(_options(task_workers=1, worker_duckdb_threads=3, worker_nice=5))
        if c.name == "worker-1"
    ]
    assert worker.command[-1] == "--nice=5"
    assert worker.environment == {"LITTLEGIANT_DUCKDB_THREADS": "3"}


def test_a_child_starts_with_its_environment_added_to_the_supervisors(monkeypatch, tmp_path):
    monkeypatch.setenv("LITTLEGIANT_SUPERVISOR_ONLY", "kept")
    seen = tmp_path / "environment.txt"
    child = Child(
        "probe",
        [
            sys.executable,
            "-c",
            "import os, sys; open(sys.argv[1], 'w').write("
            "os.environ['LITTLEGIANT_DUCKDB_THREADS'] + ' ' + os.environ['LITTLEGIANT_SUPERVISOR_ONLY'])",
            str(seen),
        ],
        restartable=False,
        environment={"LITTLEGIANT_DUCKDB_THREADS": "1"},
    )
    child.start()
    assert child.process is not None and child.process.wait(timeout=30) == 0
    assert seen.read_text() == "1 kept"


def test_the_worker_command_lowers_its_own_priority(monkeypatch):
    niced: list[int] = []
    monkeypatch.setattr(os, "nice", niced.append)
    monkeypatch.setattr(HeartbeatWorker, "run", lambda self: None)
    monkeypatch.setattr(HeartbeatWorker, "configure_signals", lambda self: None)
    worker(nice=7, batch=True)
    worker(batch=True)
    assert niced == [7]
