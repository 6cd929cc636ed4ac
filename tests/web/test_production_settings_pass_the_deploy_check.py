"""With production settings (secret key, DEBUG off, hosts), `manage.py check --deploy` reports nothing."""

import os
import subprocess
import sys
from pathlib import Path

MANAGE = Path(__file__).resolve().parents[2] / "manage.py"


def test_check_deploy_has_no_warnings(tmp_path):
    # The test run's own settings (and its DJANGO_ALLOW_ASYNC_UNSAFE) must not leak into the checked process.
    cleared = {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {
        name: value
        for name, value in os.environ.items()
        if name not in cleared and not name.startswith("LITTLEGIANT_")
    }
    environment.update(
        LITTLEGIANT_HOME=str(tmp_path),
        SECRET_KEY="production-" + "x7Kq2" * 12,
        DEBUG="false",
        ALLOWED_HOSTS="littlegiant.example.cn",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    result = subprocess.run(
        [sys.executable, str(MANAGE), "check", "--deploy", "--fail-level", "WARNING"],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout
