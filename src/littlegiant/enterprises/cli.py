"""`littlegiant import` and `littlegiant export`: enterprise data files at the command line.

Each command imports what it runs only after `setup_django()`: Django must be configured before models load.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from littlegiant.django_setup import setup_django


def register(app: typer.Typer) -> None:
    """Add this module's commands to the `littlegiant` command."""
    app.command("import")(import_command)
    app.command("export")(export_command)


def _acting_user(username: str | None):
    if username is None:
        return None
    from littlegiant.accounts.models import User

    user = User.objects.filter(username=username).first()
    if user is None:
        raise typer.BadParameter(f"no user named {username!r}", param_hint="--as")
    return user


def import_command(
    file: Annotated[
        Path, typer.Argument(exists=True, dir_okay=False, readable=True, help="A .csv or .xlsx file.")
    ],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check and count, then write nothing.")] = False,
    as_user: Annotated[
        str | None,
        typer.Option("--as", help="Import with this person's rights (default: the operator's, all)."),
    ] = None,
) -> None:
    """Import annual filings (canonical columns): all rows or, if any row is bad, none."""
    setup_django()
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    from rich.table import Table

    from littlegiant.enterprises.importing import import_filings

    console = Console()
    user = _acting_user(as_user)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("Checking rows", total=None)
        checked = {"rows": 0}

        def on_progress(stage: str, rows: int) -> None:
            if stage == "check":
                checked["rows"] = rows
                progress.update(task, completed=rows)
            else:  # writing: the first pass has counted the rows
                progress.update(task, description="Writing", completed=rows, total=checked["rows"])

        with file.open("rb") as handle:
            report = import_filings(handle, file.name, by=user, dry_run=dry_run, progress=on_progress)

    if not report.ok:
        table = Table(title=f"{file.name}: {report.problem_count} problem(s), nothing written")
        for column in ("row", "column", "value", "problem"):
            table.add_column(column)
        for problem in report.problems:
            table.add_row(str(problem.row), problem.column, problem.value, problem.problem)
        console.print(table)
        if report.more_problems:
            console.print(f"... and {report.more_problems} more.")
        raise typer.Exit(code=1)
    verb = "would create" if dry_run else "created"
    console.print(
        f"{file.name}: {report.rows} rows. Enterprises {verb} {report.enterprises_created}, "
        f"updated {report.enterprises_updated}; filings {verb} {report.filings_created}, "
        f"updated {report.filings_updated}, unchanged {report.filings_unchanged}."
        + (" Dry run: nothing written." if dry_run else "")
    )


def export_command(
    file: Annotated[Path, typer.Argument(dir_okay=False, help="Where to write: a .csv or .xlsx file.")],
    year: Annotated[int | None, typer.Option("--year", help="Only this reference year.")] = None,
    region: Annotated[
        str | None, typer.Option("--region", help="Only enterprises inside this region code.")
    ] = None,
    as_user: Annotated[
        str | None, typer.Option("--as", help="Export what this person may see (default: everything).")
    ] = None,
) -> None:
    """Export annual filings in the import format."""
    setup_django()
    from django.core.exceptions import ValidationError

    from littlegiant.enterprises.exporting import export_filings
    from littlegiant.enterprises.importing import ImportFileError, file_kind

    try:
        file_format = file_kind(file.name)
    except ImportFileError as error:
        raise typer.BadParameter(str(error), param_hint="FILE") from None
    user = _acting_user(as_user)
    try:
        with file.open("wb") as out:
            rows = export_filings(out, file_format, by=user, year=year, region_code=region)
    except ValidationError as error:
        file.unlink(missing_ok=True)
        raise typer.BadParameter("; ".join(error.messages), param_hint="--region") from None
    typer.echo(f"{file}: {rows} filings written.")
