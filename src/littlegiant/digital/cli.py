"""`littlegiant digital rebuild-levels`: write the tracker's level snapshot again from its sources.

Each command imports what it runs only after `setup_django()`: Django must be configured before models load.
"""

from __future__ import annotations

import time

import typer

from littlegiant.django_setup import setup_django

digital_app = typer.Typer(help="The digital-level questionnaire and the 2027 tracker.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the `littlegiant` command."""
    app.add_typer(digital_app, name="digital")


@digital_app.command("rebuild-levels")
def rebuild_levels() -> None:
    """Recompute the level that counts for every titled enterprise and year (after loading data by hand)."""
    setup_django()
    from littlegiant.digital.levels import rebuild

    started = time.perf_counter()
    rows = rebuild(log=lambda line: typer.echo(line, err=True))
    typer.echo(f"{rows:,} snapshot rows written in {time.perf_counter() - started:.0f} s.")
