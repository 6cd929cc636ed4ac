"""Test-wide configuration: the fixed cast of characters lives in tests/cast.py."""

import os

import pytest

# Playwright's sync API runs an event loop in the test thread; Django must still allow ORM calls there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
os.environ.setdefault("LITTLEGIANT_TESTING", "true")

pytest_plugins = ["tests.cast"]


@pytest.fixture(autouse=True)
def _reference_tables(request: pytest.FixtureRequest, django_db_setup, django_db_blocker) -> None:
    """Regions and industries come from a migration; a transactional test's flush deletes them and nothing
    replays the migration, so reload them before any test that finds them gone."""
    from django.apps import apps

    from littlegiant.reference.loading import load_all
    from littlegiant.reference.models import Region

    with django_db_blocker.unblock():
        if not Region.objects.exists():
            load_all(apps)
