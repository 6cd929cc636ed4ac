"""`littlegiant backup` then `restore` into an empty database and folder: the same rows and the same files."""

from __future__ import annotations

import psycopg
import pytest
from django.db import connection

from littlegiant.enterprises.models import Enterprise
from littlegiant.operations import backup


def _uploads(root):
    (root / "evidence" / "7").mkdir(parents=True)
    (root / "evidence" / "7" / "审计报告.pdf").write_bytes(b"%PDF-1.4 audit report\n")
    (root / "evidence" / "7" / "patents.xlsx").write_bytes(bytes(range(256)) * 40)
    return root


def test_postgresql_and_uploads_round_trip(transactional_db, alice, bob, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("pg_dump and pg_restore: PostgreSQL only (the SQLite variant is the test below).")
    media = _uploads(tmp_path / "media")
    archive = tmp_path / "site.tar"
    written = backup.backup(archive, media)
    assert written.counts["enterprises_enterprise"] == Enterprise.objects.count() == 2

    source = connection.settings_dict
    target = {**source, "NAME": f"{source['NAME']}_restore"}
    admin = psycopg.connect(
        dbname="postgres", user=source["USER"] or "postgres", host=source["HOST"], autocommit=True
    )
    admin.execute(f'DROP DATABASE IF EXISTS "{target["NAME"]}"')
    admin.execute(f'CREATE DATABASE "{target["NAME"]}"')
    try:
        restored = backup.restore(archive, target, tmp_path / "restored")
        assert restored.counts == backup.table_counts() == written.counts
        assert restored.files == backup.upload_files(media) and len(restored.files) == 2
        assert (
            tmp_path / "restored" / "evidence" / "7" / "审计报告.pdf"
        ).read_bytes() == b"%PDF-1.4 audit report\n"
        with pytest.raises(backup.BackupError, match="has tables"):
            backup.restore(archive, target, tmp_path / "again")
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{target["NAME"]}" WITH (FORCE)')
        admin.close()


def test_sqlite_and_uploads_round_trip(transactional_db, alice, bob, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's online backup: SQLite only (the PostgreSQL variant is the test above).")
    media = _uploads(tmp_path / "media")
    archive = tmp_path / "site.tar"
    written = backup.backup(archive, media)
    target = {**connection.settings_dict, "NAME": str(tmp_path / "restored.sqlite3")}
    restored = backup.restore(archive, target, tmp_path / "restored")
    assert restored.counts == written.counts == backup.table_counts()
    assert restored.counts["accounts_user"] >= 2
    assert restored.files == backup.upload_files(media) and len(restored.files) == 2
    with pytest.raises(backup.BackupError, match="exists"):
        backup.restore(archive, target, tmp_path / "again")
