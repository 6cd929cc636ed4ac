"""`littlegiant serve | worker | scheduler | jobs | backup | restore`: running the platform in production.

Each command imports what it runs only after `setup_django()`: Django must be configured before models load.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Annotated

import typer

from littlegiant.django_setup import setup_django

jobs_app = typer.Typer(
    help="Periodic jobs: list them, run one now, or fire the due ones once.", no_args_is_help=True
)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the `littlegiant` command."""
    app.command(name="serve")(serve)
    app.command(name="worker")(worker)
    app.command(name="scheduler")(scheduler)
    app.command(name="backup")(backup)
    app.command(name="restore")(restore)
    app.add_typer(jobs_app, name="jobs")


def serve(
    host: Annotated[
        str, typer.Option(help="Address to listen on (keep 127.0.0.1 behind a reverse proxy).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, help="Web worker processes (about 2 per core).")] = 4,
    task_workers: Annotated[int, typer.Option(min=0, help="Task worker processes on this machine.")] = 1,
    scheduler: Annotated[bool, typer.Option(help="Run the periodic-job scheduler here too.")] = True,
    migrate: Annotated[bool, typer.Option(help="Apply pending migrations before starting.")] = False,
    timeout: Annotated[
        int, typer.Option(min=5, help="Seconds before gunicorn restarts a stuck web worker.")
    ] = 60,
    max_requests: Annotated[
        int, typer.Option(min=100, help="Requests after which a web worker is recycled.")
    ] = 5000,
    worker_duckdb_threads: Annotated[
        int,
        typer.Option(
            min=1,
            envvar="LITTLEGIANT_WORKER_DUCKDB_THREADS",
            help="DuckDB threads of each task worker (leave the other cores to the web).",
        ),
    ] = 1,
    worker_nice: Annotated[
        int,
        typer.Option(
            min=0,
            max=19,
            envvar="LITTLEGIANT_WORKER_NICE",
            help="How much lower the task workers' CPU priority is than the web's (os.nice).",
        ),
    ] = 10,
) -> None:
    """Serve the site with gunicorn (static files by whitenoise), task workers and the scheduler."""
    from littlegiant.operations.serving import ServeOptions, children_for, supervise

    setup_django()
    from django.conf import settings
    from django.core.management import call_command

    if migrate:
        call_command("migrate", interactive=False, verbosity=1)
    elif pending_migrations():
        typer.echo(
            "The database has unapplied migrations: start with --migrate (see docs/operations.md).", err=True
        )
        raise typer.Exit(1)
    if not settings.WHITENOISE_USE_FINDERS:
        # The manifest storage needs the hashed, compressed copies that whitenoise serves.
        call_command("collectstatic", interactive=False, verbosity=0)
    options = ServeOptions(
        host,
        port,
        workers,
        task_workers,
        scheduler,
        timeout,
        max_requests,
        worker_duckdb_threads=worker_duckdb_threads,
        worker_nice=worker_nice,
    )
    typer.echo(
        f"Little Giant: http://{host}:{port}  ({workers} web, {task_workers} task worker(s) at nice "
        f"{worker_nice} with {worker_duckdb_threads} DuckDB thread(s))",
        err=True,
    )
    raise typer.Exit(supervise(children_for(options)))


def worker(
    queue: Annotated[str, typer.Option(help="Queues to take tasks from, comma-separated; * for all.")] = "*",
    interval: Annotated[float, typer.Option(min=0.1, help="Seconds between looks at an empty queue.")] = 1.0,
    batch: Annotated[bool, typer.Option(help="Run what is queued, then exit.")] = False,
    nice: Annotated[
        int, typer.Option(min=0, max=19, help="Lower this worker's CPU priority by this much (os.nice).")
    ] = 0,
) -> None:
    """One task worker: takes each task exactly once (row locks), and beats so a dead one is noticed."""
    if nice:
        # Beside web workers on one machine: a screening runs on the CPU the requests leave.
        os.nice(nice)
    setup_django()
    from django_tasks_db.compat import DEFAULT_TASK_BACKEND_ALIAS

    from littlegiant.operations.workers import HeartbeatWorker, new_worker_id

    runner = HeartbeatWorker(
        queue_names=queue.split(","),
        interval=interval,
        batch=batch,
        backend_name=DEFAULT_TASK_BACKEND_ALIAS,
        startup_delay=not batch,
        max_tasks=None,
        worker_id=new_worker_id(),
        excluded_queue_names=[],
    )
    runner.configure_signals()
    runner.run()


def scheduler(
    tick: Annotated[float, typer.Option(min=1, help="Seconds between looks for due jobs.")] = 30,
) -> None:
    """The periodic-job scheduler; several may run (one per machine), each job still runs once per period."""
    setup_django()
    from littlegiant.operations.scheduler import run_forever
    from littlegiant.operations.workers import new_worker_id

    run_forever(f"scheduler-{new_worker_id()}", tick)


@jobs_app.command("list")
def jobs_list() -> None:
    """The declared periodic jobs and how often each is due."""
    setup_django()
    from littlegiant import periodic

    for job in periodic.jobs():
        typer.echo(f"{job.name:40} every {job.every}  {job.description}")


@jobs_app.command("run")
def jobs_run(
    name: Annotated[str, typer.Argument(help="The job's name, as `littlegiant jobs list` shows it.")],
    enqueue: Annotated[bool, typer.Option(help="Queue it for a worker instead of running it here.")] = False,
) -> None:
    """Run one periodic job now, by hand (it is safe to run twice: every job is idempotent)."""
    setup_django()
    from littlegiant import periodic

    try:
        job = periodic.job(name)
    except periodic.UnknownJob as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from None
    if enqueue:
        typer.echo(f"Queued {name} as task {job.task.enqueue().id}.")
    else:
        typer.echo(f"{name}: {job.task.call()}")


@jobs_app.command("fire")
def jobs_fire() -> None:
    """One scheduler tick: queue every job whose current period has not run yet."""
    setup_django()
    from littlegiant.operations.scheduler import fire_due_jobs

    for firing in fire_due_jobs(f"manual-{os.getpid()}"):
        typer.echo(
            f"Queued {firing.job} for the period from {firing.period_start:%Y-%m-%d %H:%M} ({firing.task_id})."
        )


def backup(
    archive: Annotated[Path, typer.Argument(help="The archive to write (a new .tar file).")],
) -> None:
    """Back up the database and the uploaded files into one archive, with a manifest of counts and files."""
    setup_django()
    from django.conf import settings

    from littlegiant.operations.backup import BackupError
    from littlegiant.operations.backup import backup as write_backup

    try:
        report = write_backup(archive, Path(settings.MEDIA_ROOT))
    except (BackupError, subprocess.CalledProcessError) as error:
        typer.echo(f"Backup failed: {error}", err=True)
        raise typer.Exit(1) from None
    typer.echo(
        f"{report.path}: {sum(report.counts.values()):,} rows in {len(report.counts)} tables, {len(report.files):,} files."
    )


def restore(
    archive: Annotated[
        Path, typer.Argument(exists=True, dir_okay=False, help="An archive from `littlegiant backup`.")
    ],
) -> None:
    """Restore an archive into the (empty) database of DATABASE_URL and the (empty) upload folder."""
    setup_django()
    from django.conf import settings
    from django.db import connection

    from littlegiant.operations.backup import BackupError
    from littlegiant.operations.backup import restore as read_backup

    try:
        report = read_backup(archive, connection.settings_dict, Path(settings.MEDIA_ROOT))
    except (BackupError, subprocess.CalledProcessError) as error:
        typer.echo(f"Restore failed: {error}", err=True)
        raise typer.Exit(1) from None
    typer.echo(
        f"Restored {sum(report.counts.values()):,} rows and {len(report.files):,} files; counts checked."
    )


def pending_migrations() -> list[str]:
    """The migrations not yet applied to the database, as app.name."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]
