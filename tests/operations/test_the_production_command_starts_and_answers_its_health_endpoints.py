"""`littlegiant serve` (gunicorn, a task worker, the scheduler) answers /healthz and /readyz, then stops cleanly."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import urllib.error
import urllib.request

from tests.operations.conftest import REPOSITORY, littlegiant, process_environment, stop, wait_for


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> tuple[int, dict, dict]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - a local http URL
            return response.status, dict(response.headers), json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), json.loads(error.read())
    except OSError:
        return 0, {}, {}


def test_it_serves_health_and_readiness_and_stops_on_sigterm(postgres_only, tmp_path):
    port = _free_port()
    server = subprocess.Popen(
        littlegiant("serve", "--port", str(port), "--workers", "2", "--task-workers", "1"),
        cwd=REPOSITORY,
        env=process_environment(tmp_path),
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(lambda: _get(f"{base}/healthz")[0] == 200, 120, "/healthz to answer")
        status, headers, body = _get(f"{base}/healthz")
        assert body == {"status": "ok"}
        assert len(headers["X-Request-ID"]) == 32
        # Ready once the task worker has beaten: the database answers and the queue has a worker.
        _, _, ready = wait_for(
            lambda: (r := _get(f"{base}/readyz"))[0] == 200 and r, 60, "/readyz to be ready"
        )
        assert ready["checks"]["database"]["ok"] and ready["checks"]["workers"]["alive"] == 1
        # Static files come from whitenoise's compressed, hashed copies (collectstatic ran at start-up).
        assert (tmp_path / "var" / "static" / "staticfiles.json").exists()

        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=60) == 0
        assert _get(f"{base}/healthz")[0] == 0
    finally:
        stop(server)
