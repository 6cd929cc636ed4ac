"""`littlegiant serve`: gunicorn for the web, task workers and the scheduler, each a process of its own.

Gunicorn (pre-fork, sync workers) was chosen over granian: the views are synchronous Django and each worker
holds one database connection, which is the model gunicorn's sync workers have run for years behind nginx; it
is pure Python (no binary to trust), restarts a crashed web worker itself, and recycles workers after a number
of requests to bound memory. This supervisor restarts a dead task worker or scheduler and stops everything when
gunicorn stops, so a process manager (systemd) only has to watch one process.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

logger = logging.getLogger("littlegiant.tasks")

STOP_GRACE_SECONDS = 30
RESTARTS_PER_MINUTE = 5


@dataclass
class Child:
    """One supervised process and how to start it again."""

    name: str
    command: list[str]
    restartable: bool
    # Variables added to this process's environment (None: the supervisor's own, unchanged).
    environment: dict[str, str] | None = None
    process: subprocess.Popen[bytes] | None = None
    restarts: list[float] = field(default_factory=list)

    def start(self) -> None:
        environment = {**os.environ, **self.environment} if self.environment else None
        self.process = subprocess.Popen(self.command, env=environment)  # noqa: S603 - our own interpreter

    def exited(self) -> int | None:
        return None if self.process is None else self.process.poll()


@dataclass(frozen=True)
class ServeOptions:
    """What `littlegiant serve` starts."""

    host: str
    port: int
    web_workers: int
    task_workers: int
    scheduler: bool
    timeout: int
    max_requests: int
    # Batch work must not take the cores the web needs: each task worker's DuckDB threads, and how much lower
    # its CPU priority is than the web's (os.nice), so that a screening yields to requests and runs on what
    # they leave. A machine that only runs tasks starts `littlegiant worker` itself, with all its cores.
    worker_duckdb_threads: int = 1
    worker_nice: int = 10


def gunicorn_command(options: ServeOptions) -> list[str]:
    """The gunicorn command line for these options."""
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "littlegiant.web.wsgi:application",
        f"--bind={options.host}:{options.port}",
        f"--workers={options.web_workers}",
        f"--timeout={options.timeout}",
        "--graceful-timeout=30",
        # Recycle each worker after a number of requests (with jitter, so they do not all restart at once).
        f"--max-requests={options.max_requests}",
        f"--max-requests-jitter={max(1, options.max_requests // 10)}",
        "--worker-tmp-dir=/dev/shm",
        # Load Django once in the master, then fork: workers start warm and share the loaded code's memory.
        "--preload",
        # The application logs each request itself, as JSON with the route; gunicorn's access log would repeat it
        # with the raw path and query string.
        "--error-logfile=-",
        "--forwarded-allow-ips=127.0.0.1",
    ]


def _littlegiant(*arguments: str) -> list[str]:
    return [sys.executable, "-m", "littlegiant.cli", *arguments]


def children_for(options: ServeOptions) -> list[Child]:
    """The processes `serve` supervises."""
    children = [Child("web", gunicorn_command(options), restartable=False)]
    children += [
        Child(
            f"worker-{n + 1}",
            _littlegiant("worker", f"--nice={options.worker_nice}"),
            restartable=True,
            environment={"LITTLEGIANT_DUCKDB_THREADS": str(options.worker_duckdb_threads)},
        )
        for n in range(options.task_workers)
    ]
    if options.scheduler:
        children.append(Child("scheduler", _littlegiant("scheduler"), restartable=True))
    return children


def supervise(children: Sequence[Child]) -> int:
    """Start the children; restart a dead worker or scheduler; stop all on SIGTERM/SIGINT or when the web stops."""
    stopping = False

    def _stop(signum: int, frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    for child in children:
        child.start()
    status = 0
    while not stopping:
        time.sleep(0.5)
        for child in children:
            code = child.exited()
            if code is None or stopping:
                continue
            now = time.monotonic()
            child.restarts = [t for t in child.restarts if now - t < 60]
            if child.restartable and len(child.restarts) < RESTARTS_PER_MINUTE:
                logger.error("%s exited with status %s; starting it again", child.name, code)
                child.restarts.append(now)
                child.start()
                continue
            logger.error("%s exited with status %s; stopping everything", child.name, code)
            stopping, status = True, 1
            break
    _stop_all(children)
    return status


def _stop_all(children: Sequence[Child]) -> None:
    running = [c for c in children if c.process is not None and c.process.poll() is None]
    for child in running:
        child.process.send_signal(signal.SIGTERM)  # type: ignore[union-attr]
    deadline = time.monotonic() + STOP_GRACE_SECONDS
    for child in running:
        try:
            child.process.wait(timeout=max(0.1, deadline - time.monotonic()))  # type: ignore[union-attr]
        except subprocess.TimeoutExpired:
            logger.error("%s did not stop within %s s; killing it", child.name, STOP_GRACE_SECONDS)
            child.process.kill()  # type: ignore[union-attr]
            child.process.wait()  # type: ignore[union-attr]
