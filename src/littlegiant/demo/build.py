"""Build the demo: migrate, create the synthetic province and its people, then let each app add its part."""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction

from littlegiant.accounts.demo import DemoAccount, demo_accounts, register_demo_account
from littlegiant.accounts.models import User
from littlegiant.demo.people import SHOWCASE_NAME, build_core_accounts, build_showcase_enterprise
from littlegiant.demo.province import PROVINCE_CODE, build_province
from littlegiant.enterprises.models import AnnualFiling, Enterprise

DEFAULT_SEED = 2026
DEFAULT_ENTERPRISES = 20_000
# Each app adds its own demo data, in this order: later apps build on what earlier ones made.
APP_DEMOS = (
    "assessment",
    "recognition",
    "services",
    "techtransfer",
    "digital",
    "policies",
    "scenarios",
    "dashboards",
)


@dataclass(slots=True)
class DemoReport:
    """What a demo build did: counts, time, and every demo account (core and apps)."""

    built: bool
    enterprises: int
    filings: int
    seconds: float
    accounts: list[DemoAccount] = field(default_factory=list)
    apps_built: list[str] = field(default_factory=list)


def demo_is_built() -> bool:
    """Whether the core demo exists: its showcase enterprise is made in the same transaction as the rest."""

    return Enterprise.objects.filter(name=SHOWCASE_NAME, region__province_code=PROVINCE_CODE).exists()


def migrate(log: Callable[[str], None]) -> None:
    """Bring the database schema (and the reference data its migrations load) up to date."""
    log("Migrating the database…")
    call_command("migrate", interactive=False, verbosity=0)


def wipe(log: Callable[[str], None]) -> None:
    """Remove everything, so that the next build starts from the migrations alone, as on a new database."""
    settings_dict = connection.settings_dict
    if connection.vendor == "sqlite" and settings_dict["NAME"] and str(settings_dict["NAME"]) != ":memory:":
        database = Path(settings_dict["NAME"])
        log(f"Deleting the SQLite database {database}…")
        connection.close()
        for path in (database, Path(f"{database}-wal"), Path(f"{database}-shm")):
            path.unlink(missing_ok=True)
        return
    # On PostgreSQL: drop every table with the schema, so that the migrations (and the data some of them load,
    # such as the reference tables) run again exactly as on a new database.
    log("Dropping and recreating the database schema…")
    with connection.cursor() as cursor:
        cursor.execute("DROP SCHEMA public CASCADE")
        cursor.execute("CREATE SCHEMA public")


def build_demo(
    *, seed: int = DEFAULT_SEED, enterprises: int = DEFAULT_ENTERPRISES, reset: bool = False,
    log: Callable[[str], None] = print, app_demos: Sequence[str] = APP_DEMOS,
) -> DemoReport:  # fmt: skip
    """Migrate; unless already there, build the demo province, its people and each app's demo data."""
    if enterprises < 1:
        raise ValueError(f"enterprises must be at least 1, not {enterprises}")
    started = time.perf_counter()
    if reset:
        wipe(log)
    migrate(log)

    if demo_is_built():
        log("The demo is already built (use --reset to rebuild it).")
        return DemoReport(
            built=False,
            enterprises=Enterprise.objects.filter(region__province_code=PROVINCE_CODE).count(),
            filings=AnnualFiling.objects.filter(enterprise__region__province_code=PROVINCE_CODE).count(),
            seconds=time.perf_counter() - started,
            accounts=demo_accounts(),
        )

    log(f"Building the demo province of Zhejiang ({enterprises:,} enterprises, seed {seed})…")
    with transaction.atomic():
        province = build_province(seed=seed, enterprises=enterprises, log=log)
        showcase = build_showcase_enterprise()
        accounts = build_core_accounts(showcase)
    report = DemoReport(
        built=True,
        enterprises=province.enterprises + 1,
        filings=province.filings + showcase.filings.count(),
        seconds=0.0,
        accounts=accounts,
    )
    with _emails_muted():
        _build_app_demos(app_demos, seed=seed, log=log, report=report)
    report.seconds = time.perf_counter() - started
    return report


@contextmanager
def _emails_muted() -> Iterator[None]:
    """Send the app demos' emails nowhere.

    Each decision the demo takes emails the enterprise once its transaction commits; on the demo's console backend
    that would bury the list of demo accounts under a hundred emails. The setting is restored whatever happens, so
    a test that builds the demo leaves the mail outbox working for the next one.
    """
    backend = settings.EMAIL_BACKEND
    settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    try:
        yield
    finally:
        settings.EMAIL_BACKEND = backend


def _build_app_demos(
    app_demos: Sequence[str], *, seed: int, log: Callable[[str], None], report: DemoReport
) -> None:
    for app in app_demos:
        try:
            module = importlib.import_module(f"littlegiant.{app}.demo")
        except ModuleNotFoundError as error:
            if error.name not in {f"littlegiant.{app}", f"littlegiant.{app}.demo"}:
                raise  # the app's demo exists but something it imports does not: that is a bug to see
            continue
        log(f"Building the {app} demo…")
        with transaction.atomic():
            for account in module.build(seed=seed, log=log):
                user = User.objects.get(username=account.username)
                report.accounts.append(
                    register_demo_account(user, account.role_en, account.role_zh, account.note)
                )
        report.apps_built.append(app)
