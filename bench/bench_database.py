"""What the PostgreSQL benchmarks share: a throwaway database of their own on BENCH_PG, Django pointed at it,
and the 95th percentile they report (one copy instead of one per benchmark)."""

from __future__ import annotations

import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432").rstrip("/")


def _admin_connection():  # noqa: ANN202
    import psycopg  # only the PostgreSQL benchmarks need it

    return psycopg.connect(f"{PG}/postgres", autocommit=True)


def database_exists(name: str) -> bool:
    with _admin_connection() as connection:
        return (
            connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None
        )


def create_database(name: str) -> None:
    """A new empty database of that name (an old one is dropped first)."""
    with _admin_connection() as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def drop_database(name: str) -> None:
    from django.db import connections  # Django is set up by then

    connections.close_all()
    with _admin_connection() as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def setup_django(name: str, *, src: Path = ROOT / "src") -> None:
    """Django on that database, with the testing settings (a throwaway secret key, in-memory email); `src` may
    name another checkout's code, to time two versions on the same data."""
    sys.path.insert(0, str(src))
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = f"{PG}/{name}"
    os.environ["LITTLEGIANT_TESTING"] = "true"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "littlegiant.web.settings")
    import django

    django.setup()


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20, method="inclusive")[18]
