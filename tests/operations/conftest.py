"""Operations tests start real processes (server, workers) against the test database, so they need PostgreSQL
and committed data (transactional_db): a worker in another process never sees a test's open transaction."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from django.db import connection

REPOSITORY = Path(__file__).resolve().parents[2]


@pytest.fixture
def postgres_only(transactional_db) -> None:
    if connection.vendor != "postgresql":
        pytest.skip(
            "Several worker processes share one database only on PostgreSQL (SQLite runs one worker)."
        )


def process_environment(tmp_path: Path, **extra: str) -> dict[str, str]:
    """The environment of a production process on this test's database: no demo, no DEBUG, JSON logs."""
    db = connection.settings_dict
    url = (
        f"postgres://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    )
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"LITTLEGIANT_TESTING", "LITTLEGIANT_DEMO", "DEBUG", "PYTEST_XDIST_WORKER"}
    }
    environment.update(
        DATABASE_URL=url,
        SECRET_KEY="production-test-" + "k" * 50,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        LITTLEGIANT_HOME=str(tmp_path),
        LITTLEGIANT_MEDIA_ROOT=str(tmp_path / "uploads"),
        LOG_FORMAT="json",
        PYTHONPATH=str(REPOSITORY),
    )
    environment.update(extra)
    return environment


def littlegiant(*arguments: str) -> list[str]:
    """The `littlegiant` command, run by this interpreter."""
    return [sys.executable, "-m", "littlegiant.cli", *arguments]


def wait_for(condition: Callable[[], object], seconds: float, what: str) -> object:
    """Poll `condition` until it returns something true, or fail naming `what`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"Waited {seconds} s for {what}.")


def stop(process: subprocess.Popen) -> None:
    """End a process this test started, and reap it."""
    if process.poll() is None:
        process.kill()
    process.wait(timeout=30)
