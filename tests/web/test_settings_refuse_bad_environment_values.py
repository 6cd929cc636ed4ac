"""Settings come from the environment; a missing or bad value stops start-up with a message naming it."""

import os
import subprocess
import sys

import pytest

GOOD_KEY = "k" * 64
# Variables that would leak from the test run into the fresh interpreter.
CLEARED = ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "LOG_LEVEL", "DJANGO_SETTINGS_MODULE")
LIMIT = "LITTLEGIANT_LOGIN_FAILURE_LIMIT"


def load_settings(tmp_path, **env: str) -> subprocess.CompletedProcess[str]:
    """Import the settings in a fresh Python with a production-like environment plus `env`."""
    environment = {
        name: value
        for name, value in os.environ.items()
        if name not in CLEARED and not name.startswith("LITTLEGIANT_")
    }
    environment.update(
        LITTLEGIANT_HOME=str(tmp_path),
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="littlegiant.example.cn",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    environment.update(env)
    environment = {name: value for name, value in environment.items() if value is not None}
    return subprocess.run(
        [sys.executable, "-c", "import littlegiant.web.settings"],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_complete_production_environment_loads(tmp_path):
    assert load_settings(tmp_path).returncode == 0


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"SECRET_KEY": ""}, "SECRET_KEY is required when DEBUG is off"),
        ({"SECRET_KEY": "short"}, "SECRET_KEY must be at least 50 characters long"),
        ({"ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS is required when DEBUG is off"),
        ({"DATABASE_URL": "nonsense"}, "DATABASE_URL is not a valid database URL"),
        ({"DATABASE_URL": "mysql://root@localhost/littlegiant"}, "DATABASE_URL must point to SQLite"),
        ({"DATABASE_URL": "postgres://postgres@localhost:5432"}, "DATABASE_URL must name the database"),
        ({"DATABASE_URL": "sqlite://"}, "DATABASE_URL must give the SQLite file"),
        ({"DEBUG": "maybe"}, "DEBUG must be true or false, not 'maybe'"),
        ({"LITTLEGIANT_DEMO": "sometimes"}, "LITTLEGIANT_DEMO must be true or false"),
        ({"EMAIL_PORT": "twenty-five"}, "EMAIL_PORT must be a whole number, not 'twenty-five'"),
        ({LIMIT: "0"}, f"{LIMIT} must be at least 1, not 0"),
        ({"SECURE_HSTS_SECONDS": "-5"}, "SECURE_HSTS_SECONDS must be at least 0, not -5"),
        ({"LOG_LEVEL": "LOUD"}, "LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL, not 'LOUD'"),
    ],
)
def test_a_bad_value_is_named_in_the_error(tmp_path, env, message):
    result = load_settings(tmp_path, **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_debug_needs_no_secret_key_or_hosts(tmp_path):
    assert load_settings(tmp_path, DEBUG="true", SECRET_KEY="", ALLOWED_HOSTS="").returncode == 0
