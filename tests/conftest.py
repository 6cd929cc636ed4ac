"""Test-wide configuration: the fixed cast of characters lives in tests/cast.py."""

import os

import pytest

# Playwright's sync API runs an event loop in the test thread; Django must still allow ORM calls there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
os.environ.setdefault("LITTLEGIANT_TESTING", "true")

pytest_plugins = ["tests.cast"]


# Rows that migrations create (not schema): a transactional test's flush deletes them and nothing replays the
# migration, so they are put back before any test that finds them gone.
MIGRATION_DATA = [
    ("reference", "Region", "littlegiant.reference.migrations.0002_load_reference_data", "load"),
    ("reference", "IndustryGroup", "littlegiant.reference.migrations.0004_reload_industry_names", "reload"),
    (
        "techtransfer",
        "LicenceText",
        "littlegiant.techtransfer.migrations.0002_standard_licence_text",
        "add_text",
    ),
]


DATABASE_FIXTURES = frozenset({"db", "transactional_db", "django_db_reset_sequences", "live_server"})
# What pytest-django unblocks the database for: a test with none of these (and no django_db mark) is refused every
# query, so its outcome cannot depend on which database the run uses.
DATABASE_UNBLOCKING = DATABASE_FIXTURES | {"_django_db_helper", "django_db_serialized_rollback"}


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the database-free tests, which the PostgreSQL pass of `make test` leaves to the SQLite pass."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if not DATABASE_UNBLOCKING.intersection(fixtures) and not item.get_closest_marker("django_db"):
            item.add_marker(pytest.mark.database_free)


@pytest.fixture(autouse=True)
def _uploads_in_a_folder_of_the_test(settings, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Evidence, certificates and screening results of a test go to a temporary folder of its own, never into
    the checkout's var/uploads (tests must not write into the checkout)."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _migration_data(request: pytest.FixtureRequest) -> None:
    """Reload the data that migrations load, if an earlier transactional test flushed it.

    Only for tests that use the database: a run of database-free tests alone (say `pytest tests/rules`) has no
    migrated test database to look in.
    """
    if not DATABASE_FIXTURES.intersection(request.fixturenames) and not request.node.get_closest_marker(
        "django_db"
    ):
        return
    from importlib import import_module

    from django.apps import apps

    request.getfixturevalue("django_db_setup")
    django_db_blocker = request.getfixturevalue("django_db_blocker")
    with django_db_blocker.unblock():
        for app_label, model_name, module, function in MIGRATION_DATA:
            if not apps.get_model(app_label, model_name).objects.exists():
                getattr(import_module(module), function)(apps, None)


@pytest.fixture(autouse=True)
def _empty_cache(request: pytest.FixtureRequest) -> None:
    """Every test starts with an empty cache: a page cached by an earlier test (the local-memory cache lives as
    long as the process; the database cache's table is not flushed) must not answer for this one's data."""
    from django.core.cache import cache, caches
    from django.core.cache.backends.locmem import LocMemCache

    if isinstance(caches["default"], LocMemCache):
        cache.clear()
    elif DATABASE_FIXTURES.intersection(request.fixturenames) or request.node.get_closest_marker("django_db"):
        request.getfixturevalue("django_db_setup")
        with request.getfixturevalue("django_db_blocker").unblock():
            cache.clear()


@pytest.fixture(scope="session")
def spark():
    """One local Spark session for the whole run (its start-up costs seconds); skipped without pyspark or Java.

    Tests that use it carry the `spark` marker and the xdist group "spark", so one worker runs them all and
    only it pays for the session.
    """
    import shutil

    pytest.importorskip("pyspark")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        pytest.skip("the Spark engine needs a Java runtime")
    # A short-lived JVM of many small queries: the C1 compiler alone and the serial collector cut its CPU by
    # about half (session start 17 -> 10 CPU s, 18 small calls 33 -> 16).
    os.environ.setdefault("LITTLEGIANT_SPARK_JAVA_OPTIONS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC")
    from littlegiant.rules.spark import spark_session

    session = spark_session()
    yield session
    session.stop()


@pytest.fixture
def shorter_demo_history(monkeypatch: pytest.MonkeyPatch) -> int:
    """The service network's demo history at 200 requests: each is lived through the services, which costs
    about 64 ms of CPU a request, and the checks of the demo's shape need no more (the demo itself has 1,500)."""
    from littlegiant.services import demo  # here: this file loads before Django's apps are ready

    monkeypatch.setattr(demo, "HISTORY_REQUESTS", 200)
    return 200
