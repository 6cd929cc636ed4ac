"""`littlegiant figures rebuild`: the dashboards' summary tables counted again from scratch.

Each command imports what it runs only after `setup_django()`: Django must be configured before models load.
"""

from __future__ import annotations

import typer

from littlegiant.django_setup import setup_django

figures_app = typer.Typer(help="The dashboards' summary figures.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the `littlegiant` command."""
    app.add_typer(figures_app, name="figures")


@figures_app.command("rebuild")
def rebuild_command() -> None:
    """Count titles, requests, licences and the register again and replace the summary tables."""
    setup_django()
    from littlegiant.dashboards.rebuild import rebuild

    counted = rebuild()
    typer.echo(
        f"Rebuilt: {counted['titles']} titles, {counted['tallies']} tallies, "
        f"{counted['enterprises']} enterprises on the register."
    )
