"""A `littlegiant` command with only the criteria engine's sub-commands, for the CLI tests."""

import typer

from littlegiant.rules.cli import register

app = typer.Typer()
register(app)
