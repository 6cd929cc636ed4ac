"""The `littlegiant` command with the operations commands mounted, for CliRunner."""

import typer

from littlegiant.operations.cli import register

app = typer.Typer()
register(app)
