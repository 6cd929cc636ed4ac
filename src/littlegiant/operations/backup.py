"""Backups: the database (pg_dump, or SQLite's online backup) and the uploaded files, in one tar archive.

The archive holds `manifest.json` (when, which engine, the row count of every table and the size and SHA-256
of every uploaded file), `database.dump` (PostgreSQL custom format) or `database.sqlite3`, and `uploads/`.
A restore goes into an empty database and an empty upload folder only, and checks the counts and the files
against the manifest before it reports success.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
from django.apps import apps
from django.db import connection, transaction
from django.utils import timezone

FORMAT = 1
MANIFEST = "manifest.json"
PG_DUMP = "database.dump"
SQLITE_COPY = "database.sqlite3"
UPLOADS = "uploads"


class BackupError(RuntimeError):
    """A backup or restore that cannot be done as asked; the message says what to change."""


@dataclass(frozen=True)
class BackupReport:
    """What an archive holds: rows per table and the uploaded files (relative path -> sha256)."""

    path: Path
    engine: str
    counts: dict[str, int]
    files: dict[str, str]


def table_counts(database: Mapping[str, Any] | None = None) -> dict[str, int]:
    """Rows in every table the installed models use, in `database` (a DATABASES entry; default: the site's)."""
    tables = sorted({model._meta.db_table for model in apps.get_models(include_auto_created=True)})
    if database is None:
        with connection.cursor() as cursor:
            return {t: _count(cursor, t) for t in tables}
    if database["ENGINE"].endswith("sqlite3"):
        with sqlite3.connect(database["NAME"]) as db:
            return {t: db.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}
    with psycopg.connect(**_libpq(database)) as db, db.cursor() as cursor:
        return {t: _count(cursor, t) for t in tables}


def _count(cursor: Any, table: str) -> int:
    cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
    return cursor.fetchone()[0]


def upload_files(media_root: Path) -> dict[str, str]:
    """Every file under the upload folder, relative path -> SHA-256."""
    if not media_root.exists():
        return {}
    files = {}
    for path in sorted(p for p in media_root.rglob("*") if p.is_file()):
        digest = hashlib.sha256()
        with path.open("rb") as stream:
            for block in iter(lambda: stream.read(1 << 20), b""):
                digest.update(block)
        files[path.relative_to(media_root).as_posix()] = digest.hexdigest()
    return files


def _libpq(settings_dict: Mapping[str, Any]) -> dict[str, str]:
    params = {
        "dbname": settings_dict["NAME"],
        "user": settings_dict.get("USER") or "",
        "host": settings_dict.get("HOST") or "",
        "port": str(settings_dict.get("PORT") or ""),
        "password": settings_dict.get("PASSWORD") or "",
    }
    return {key: value for key, value in params.items() if value}


def _pg_environment(settings_dict: Mapping[str, Any]) -> dict[str, str]:
    # The password goes through the environment, never on a command line that `ps` shows.
    params = _libpq(settings_dict)
    names = {
        "dbname": "PGDATABASE",
        "user": "PGUSER",
        "host": "PGHOST",
        "port": "PGPORT",
        "password": "PGPASSWORD",
    }
    return {**os.environ, **{names[key]: value for key, value in params.items()}}


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(
            f"{name} is not installed: install PostgreSQL's client tools (apt-get install postgresql-client)."
        )
    return found


def backup(destination: Path, media_root: Path) -> BackupReport:
    """Write the database and the uploads to the archive `destination` (which must not exist yet)."""
    if destination.exists():
        raise BackupError(f"{destination} exists already; choose a new file name.")
    settings_dict = connection.settings_dict
    engine = "sqlite" if connection.vendor == "sqlite" else "postgresql"
    with tempfile.TemporaryDirectory(prefix="littlegiant-backup-") as scratch:
        dump = Path(scratch) / (PG_DUMP if engine == "postgresql" else SQLITE_COPY)
        if engine == "postgresql":
            counts = _dump_postgresql(dump, settings_dict)
        else:
            connection.ensure_connection()
            with sqlite3.connect(dump) as copy:
                connection.connection.backup(copy)
            counts = table_counts({"ENGINE": settings_dict["ENGINE"], "NAME": str(dump)})
        files = upload_files(media_root)
        manifest = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "engine": engine,
            "counts": counts,
            "files": files,
        }
        partial = destination.with_name(destination.name + ".partial")
        with tarfile.open(partial, "w") as archive:
            data = json.dumps(manifest, indent=1, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            info.mtime = int(timezone.now().timestamp())
            archive.addfile(info, io.BytesIO(data))
            archive.add(dump, arcname=dump.name)
            for relative in files:
                archive.add(media_root / relative, arcname=f"{UPLOADS}/{relative}")
        partial.rename(destination)
    return BackupReport(path=destination, engine=engine, counts=counts, files=files)


def _dump_postgresql(dump: Path, settings_dict: Mapping[str, Any]) -> dict[str, int]:
    """pg_dump of one snapshot, counted in that same snapshot: the manifest's counts are exactly the dump's."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        counts = table_counts()
        subprocess.run(  # noqa: S603 - pg_dump with our own arguments
            [
                _tool("pg_dump"),
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--snapshot={snapshot}",
                f"--file={dump}",
            ],
            env=_pg_environment(settings_dict),
            check=True,
        )
    return counts


def restore(archive_path: Path, database: Mapping[str, Any], media_root: Path) -> BackupReport:
    """Restore an archive into an empty database and an empty upload folder; check counts and files."""
    with tarfile.open(archive_path, "r") as archive:
        manifest = json.loads(archive.extractfile(MANIFEST).read())  # type: ignore[union-attr]
        if manifest.get("format") != FORMAT:
            raise BackupError(f"{archive_path} is not a Little Giant backup of format {FORMAT}.")
        engine = "sqlite" if database["ENGINE"].endswith("sqlite3") else "postgresql"
        if manifest["engine"] != engine:
            raise BackupError(f"The backup is of {manifest['engine']}; the target database is {engine}.")
        if media_root.exists() and any(media_root.iterdir()):
            raise BackupError(f"The upload folder {media_root} is not empty; restore into an empty one.")
        with tempfile.TemporaryDirectory(prefix="littlegiant-restore-") as scratch:
            # filter="data" refuses absolute paths, "..", links out of the folder and device files.
            archive.extractall(scratch, filter="data")
            if engine == "postgresql":
                _restore_postgresql(Path(scratch) / PG_DUMP, database)
            else:
                target = Path(database["NAME"])
                if target.exists() and target.stat().st_size > 0:
                    raise BackupError(f"The SQLite file {target} exists; restore into a new file.")
                shutil.copyfile(Path(scratch) / SQLITE_COPY, target)
            media_root.mkdir(parents=True, exist_ok=True)
            uploaded = Path(scratch) / UPLOADS
            if uploaded.exists():
                shutil.copytree(uploaded, media_root, dirs_exist_ok=True)
    counts, files = table_counts(database), upload_files(media_root)
    if counts != manifest["counts"]:
        wrong = sorted(t for t in manifest["counts"] if counts.get(t) != manifest["counts"][t])
        raise BackupError(f"Restored row counts differ from the backup in: {', '.join(wrong)}.")
    if files != manifest["files"]:
        raise BackupError("The restored uploads differ from the backup's list of files.")
    return BackupReport(path=archive_path, engine=engine, counts=counts, files=files)


def _restore_postgresql(dump: Path, database: Mapping[str, Any]) -> None:
    with psycopg.connect(**_libpq(database)) as db, db.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")
        if cursor.fetchone()[0]:
            raise BackupError(f"The database {database['NAME']} has tables; restore into an empty database.")
    subprocess.run(  # noqa: S603 - pg_restore with our own arguments
        [
            _tool("pg_restore"),
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            f"--dbname={database['NAME']}",
            str(dump),
        ],
        env=_pg_environment(database),
        check=True,
    )
