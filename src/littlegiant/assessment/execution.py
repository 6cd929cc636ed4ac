"""A queued screening carried out in the worker: the filings written to Parquet in the engine's columns, assessed,
and kept as downloads (Parquet, CSV, Excel) with counts by outcome.

`tasks.run_screening` calls `execute_screening`; `services.start_screening` enqueues that task. This module
sits below both, so neither needs to import the other inside a function.
"""

from __future__ import annotations

import contextlib
import json
import logging
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import duckdb
from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from littlegiant import runs
from littlegiant.assessment import workbook
from littlegiant.assessment.models import ScreeningEvent, ScreeningRun
from littlegiant.digital import services as digital_services
from littlegiant.enterprises.models import AnnualFiling, Enterprise
from littlegiant.rules import assess_file, registry
from littlegiant.rules.assessment import BATCH_THREADS
from littlegiant.rules.schema import APPLICATION_FIELDS, COLUMN_NAMES, DATA_FIELDS, FIELDS_BY_NAME, FieldKind
from littlegiant.spreadsheet_cells import inert_sql

logger = logging.getLogger(__name__)

SCREENING_CHUNK = 2000
APPLICATION_DEFAULTS = tuple({"application_kind": "new"}[name] for name in APPLICATION_FIELDS)
SCREENING_DIR = "screenings"
# The downloads' column saying where each record's digital level comes from (D17): MIIT or questionnaire.
LEVEL_SOURCE = workbook.LEVEL_SOURCE


def screening_filings(run: ScreeningRun):
    """The filings a run covers: the year's filings in its region that its requester may see."""
    enterprises = Enterprise.objects.for_user(run.requested_by)
    if run.region_id:
        enterprises = enterprises.filter(region__path__startswith=run.region.path)
    return AnnualFiling.objects.filter(year=run.year, enterprise__in=enterprises.values("pk"))


def execute_screening(run_id: int) -> ScreeningRun:
    """Run a queued screening to the end: write the filings to Parquet, assess them, keep the results."""
    return runs.execute(
        ScreeningRun.objects.select_related("region", "requested_by"),
        run_id,
        name="Screening",
        logger=logger,
        total=lambda run: screening_filings(run).count(),
        work=_screen,
        began=lambda run, before: _record(run, before, "run", ""),
        finished=lambda run, before: _record(
            run, before, "finish", _("%(count)s enterprises screened.") % {"count": run.total}
        ),
        failed=fail_screening,
    )


def _screen(run: ScreeningRun) -> dict[str, Any]:
    """The work of a screening, in its own folder: the results to download there (the folder is removed if
    the work fails), and the summary."""
    folder = Path(settings.MEDIA_ROOT) / SCREENING_DIR / str(run.pk)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        records_path = folder / "records.parquet"
        sources_path = folder / "sources.parquet"
        _write_records(run, records_path, sources_path)
        results_path = folder / "assessed.parquet"
        assess_file(
            records_path,
            results_path,
            run.pack_ids,
            evaluation_date=run.evaluation_date,
            engine=settings.ASSESSMENT_ENGINE,
        )
        summary = _write_downloads(
            records_path, results_path, folder / "results", run.pack_ids, sources=sources_path
        )
        records_path.unlink()
        sources_path.unlink()
        results_path.unlink()
    except Exception:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return {"result_path": f"{SCREENING_DIR}/{run.pk}/results", "summary": summary}


# The role code of the background worker in a screening's trail.
WORKER = "worker"


def fail_screening(run_id: int, message: str) -> ScreeningRun:
    """Mark a screening failed, keeping the error message for the person who started it."""
    return runs.fail(
        ScreeningRun.objects,
        run_id,
        message,
        record=lambda run, before: _record(run, before, "fail", run.error),
    )


def _record(run: ScreeningRun, before: str, action: str, comment: str) -> None:
    ScreeningEvent.record(
        run=run,
        actor=None,
        role=WORKER,
        action=action,
        from_state=before,
        to_state=run.status,
        comment=comment,
    )


def _arrow_schema():
    import pyarrow as pa

    types = {
        FieldKind.TEXT: pa.string(),
        FieldKind.ENUM: pa.string(),
        FieldKind.INTEGER: pa.int64(),
        FieldKind.COUNT: pa.int64(),
        FieldKind.BOOLEAN: pa.bool_(),
        # The engine's exact column types (money to the fen, fractions to 8 places).
        FieldKind.MONEY: pa.decimal128(38, 2),
        FieldKind.FRACTION: pa.decimal128(38, 8),
        FieldKind.NUMBER: pa.decimal128(38, 6),
    }
    # The enterprise's columns (COLUMN_NAMES): a cluster's fields are not part of an enterprise's record.
    return pa.schema([pa.field(name, types[FIELDS_BY_NAME[name].kind]) for name in COLUMN_NAMES])


def _write_records(run: ScreeningRun, path: Path, sources_path: Path) -> None:
    progress = runs.progress(ScreeningRun.objects, run.pk, run.total)
    write_filing_records(screening_filings(run), path, sources_path=sources_path, progress=progress)


def write_filing_records(
    filings: QuerySet[AnnualFiling],
    path: Path,
    *,
    sources_path: Path | None = None,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write filings to Parquet in the engine's canonical columns and exact types (what `assess_file` reads),
    streamed from a server-side cursor; `progress` hears the rows written so far. Returns the row count.

    The digital level is the one that counts for the year (D17): the MIIT-entered level, else the provisional
    level of that year's submitted questionnaire, as in the self-assessment (filing_record). With
    `sources_path`, each record's level source is written beside it (credit_code, source), for the downloads.
    The screening's export, public so that other batch runs (a policy's 免申即享 list) read the same file."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _arrow_schema()
    names = list(COLUMN_NAMES)
    columns = [
        "enterprise__credit_code",
        "enterprise__name",
        "enterprise__region_id",
        "enterprise__industry_id",
        "year",
        *("counted_digital_level" if name == "digital_level" else name for name in DATA_FIELDS),
        "digital_level_source",
    ]
    # values_list + iterator: rows come from a server-side cursor, never the whole jurisdiction in memory.
    rows = (
        digital_services.with_counted_level(filings)
        .order_by("pk")
        .values_list(*columns)
        .iterator(chunk_size=SCREENING_CHUNK)
    )
    source_schema = pa.schema([pa.field("credit_code", pa.string()), pa.field(LEVEL_SOURCE, pa.string())])
    processed = 0
    with contextlib.ExitStack() as files:
        writer = files.enter_context(pq.ParquetWriter(path, schema))
        sources = files.enter_context(pq.ParquetWriter(sources_path, source_schema)) if sources_path else None
        batch: list[tuple] = []
        for *row, source in rows:
            # The application fields close the schema (rules/schema.py): a batch asks about new
            # applications (decision D21).
            batch.append((*row, *APPLICATION_DEFAULTS, digital_services.SOURCE_LABELS.get(source, "")))
            if len(batch) >= SCREENING_CHUNK:
                _write_batch(writer, sources, batch, names, schema, pa)
                processed += len(batch)
                batch = []
                if progress is not None:
                    progress(processed)
        if batch or processed == 0:
            _write_batch(writer, sources, batch, names, schema, pa)
            processed += len(batch)
    if progress is not None:
        progress(processed)
    return processed


def _write_batch(writer, sources, batch: list[tuple], names: list[str], schema, pa) -> None:  # noqa: ANN001
    writer.write_batch(_record_batch([row[:-1] for row in batch], names, schema, pa))
    if sources is None:
        return
    sources.write_batch(
        pa.RecordBatch.from_arrays(
            [
                pa.array([row[0] for row in batch], pa.string()),
                pa.array([row[-1] for row in batch], pa.string()),
            ],
            schema=sources.schema,
        )
    )


def _record_batch(rows: list[tuple], names: list[str], schema, pa):
    # The model's decimal places never exceed the engine's scales: Decimals widen exactly.
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in names]
    arrays = [
        pa.array(list(values), type=schema.field(name).type)
        for name, values in zip(names, columns, strict=True)
    ]
    return pa.RecordBatch.from_arrays(arrays, schema=schema)


def _write_downloads(
    records: Path, results: Path, base: Path, pack_ids: Sequence[str], *, sources: Path
) -> dict[str, dict[str, int]]:
    """The results beside each enterprise's identity, as Parquet, CSV and (while they fit a sheet) Excel;
    counts by outcome per pack.

    The CSV starts with a byte-order mark so that Excel reads the Chinese names correctly.
    """

    def literal(path: Path) -> str:
        return "'" + str(path).replace("'", "''") + "'"

    final = base.with_suffix(".parquet")
    plain_csv = base.with_suffix(".csv.part")
    # As many threads as the engine's batch (a task worker beside the web is given one: docs/operations.md).
    connection = duckdb.connect(config={"threads": BATCH_THREADS})
    try:
        connection.execute(
            "COPY (SELECT r.credit_code, r.name, r.region_code, r.industry_code, r.year, "
            f"s.{LEVEL_SOURCE}, a.* EXCLUDE (credit_code) FROM read_parquet({literal(records)}) AS r "
            f"JOIN read_parquet({literal(results)}) AS a ON a.credit_code = r.credit_code "
            f"JOIN read_parquet({literal(sources)}) AS s ON s.credit_code = r.credit_code "
            "ORDER BY r.credit_code) "
            f"TO {literal(final)} (FORMAT parquet, COMPRESSION zstd)"
        )
        source = f"read_parquet({literal(final)})"
        described = connection.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()
        columns = [row[0] for row in described]
        # Text cells that would start a formula are made inert in the CSV (security review F3); numbers stay.
        cells = ", ".join(
            f"{inert_sql(quoted)} AS {quoted}" if kind == "VARCHAR" else quoted
            for quoted, kind in (
                ('"' + name.replace('"', '""') + '"', kind) for name, kind, *_rest in described
            )
        )
        connection.execute(f"COPY (SELECT {cells} FROM {source}) TO {literal(plain_csv)} (HEADER)")
        rows = int(connection.execute(f"SELECT count(*) FROM {source}").fetchall()[0][0])
        if rows <= workbook.MAX_ROWS:
            batches = connection.sql(f"SELECT * FROM {source}").to_arrow_reader(workbook.BATCH_ROWS)
            workbook.write_workbook(batches, columns, pack_ids, base.with_suffix(".xlsx"))
        totals = amount_totals(connection, source, columns, pack_ids)
        totals_path(base).write_text(json.dumps(totals, ensure_ascii=False), encoding="utf-8")
        summary: dict[str, dict[str, int]] = {}
        for pack_id in pack_ids:
            # The engine names a lone pack's columns plainly and prefixes them with the pack id otherwise.
            column = f"{pack_id}.outcome" if f"{pack_id}.outcome" in columns else "outcome"
            if column not in columns:
                continue
            quoted = '"' + column.replace('"', '""') + '"'
            rows = connection.execute(
                f"SELECT coalesce({quoted}, 'insufficient_data'), count(*) "
                f"FROM {source} GROUP BY 1 ORDER BY 1"
            ).fetchall()
            summary[pack_id] = {str(outcome): int(count) for outcome, count in rows}
    finally:
        connection.close()
    with plain_csv.open("rb") as source_file, base.with_suffix(".csv").open("wb") as target:
        target.write("\ufeff".encode())
        shutil.copyfileobj(source_file, target, 1024 * 1024)
    plain_csv.unlink()
    return summary


def totals_path(base: Path) -> Path:
    return base.with_suffix(".totals.json")


def amount_totals(
    connection: Any, source: str, columns: Sequence[str], pack_ids: Sequence[str]
) -> list[dict[str, str | int]]:
    """The sums of every money amount of the calculation packs screened (the jurisdiction's tax expenditure
    of the R&D super-deduction is the sum of `tax_saving`), as exact decimal text."""
    found: list[dict[str, str | int]] = []
    for pack_id in pack_ids:
        pack = registry.get(pack_id)
        for amount in pack.written_amounts:
            if amount.display == "rate":
                continue
            column = (
                f"{pack_id}.{amount.column}" if f"{pack_id}.{amount.column}" in columns else amount.column
            )
            if column not in columns:
                continue
            quoted = '"' + column.replace('"', '""') + '"'
            value = f"CAST({quoted} AS DECIMAL(38, 2))"
            total, enterprises, known = connection.execute(
                f"SELECT CAST(coalesce(sum({value}), 0) AS VARCHAR), count(*) FILTER (WHERE {value} > 0), "
                f"count({quoted}) FROM {source}"
            ).fetchone()
            found.append({"pack_id": pack_id, "column": amount.column, "total": str(total),
                          "enterprises": int(enterprises), "known": int(known)})  # fmt: skip
    return found
