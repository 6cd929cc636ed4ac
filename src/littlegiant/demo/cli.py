"""`littlegiant demo`: build the demo province (once) and print what is in it and who to sign in as.

Each command imports what it runs only after `setup_django()`: Django must be configured before models load.
"""

from __future__ import annotations

import time
from typing import Annotated

import typer

from littlegiant.django_setup import setup_django


def register(app: typer.Typer) -> None:
    """Add this module's commands to the `littlegiant` command."""
    app.command(name="demo")(demo)


def demo(
    reset: Annotated[
        bool, typer.Option("--reset", help="Delete everything and build the demo again.")
    ] = False,
    seed: Annotated[int, typer.Option(help="Random seed: the same seed gives the same province.")] = 2026,
    enterprises: Annotated[
        int, typer.Option(min=1, help="How many synthetic enterprises to create in Zhejiang.")
    ] = 20_000,
) -> None:
    """Migrate the database and build the synthetic demo province of Zhejiang with its demo accounts."""
    from rich.console import Console
    from rich.table import Table

    setup_django()
    from littlegiant.accounts.demo import DEMO_PASSWORD
    from littlegiant.demo.build import build_demo

    console = Console()
    started = time.perf_counter()

    def log(line: str) -> None:
        console.print(f"[dim]{time.perf_counter() - started:6.1f}s[/dim] {line}", highlight=False)

    report = build_demo(seed=seed, enterprises=enterprises, reset=reset, log=log)

    counts = Table(title="Little Giant demo · 演示数据", show_header=True)
    counts.add_column("What")
    counts.add_column("Count", justify="right")
    counts.add_row("Enterprises in Zhejiang (330000)", f"{report.enterprises:,}")
    counts.add_row("Annual filings (2023-2025)", f"{report.filings:,}")
    counts.add_row("Demo accounts", f"{len(report.accounts):,}")
    if report.built:
        counts.add_row("App demos built", ", ".join(report.apps_built) or "none")
        counts.add_row("Seconds", f"{report.seconds:.1f}")
    console.print(counts)

    people = Table(title=f"Demo accounts · 演示账号 (password 密码: {DEMO_PASSWORD})")
    for column in ("User name", "Role", "角色", "What to try"):
        people.add_column(column)
    for account in report.accounts:
        people.add_row(account.username, account.role_en, account.role_zh, account.note)
    console.print(people)
