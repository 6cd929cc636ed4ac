"""Self-assessment of an enterprise's filing against the rule packs, and batch screening of a jurisdiction.

The criteria themselves live in the engine (`littlegiant.rules`); this module turns filings into canonical
records, picks the packs that apply on a date, reads the tier ladder off the explanations, runs screenings.
"""

from __future__ import annotations

import contextlib
import json
import logging
import shutil
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from littlegiant import runs
from littlegiant.accounts.jurisdiction import (
    covers_region,
    is_administrator,
    is_official,
    reviewer_region_paths,
)
from littlegiant.assessment import workbook
from littlegiant.assessment.models import ScreeningEvent, ScreeningRun
from littlegiant.assessment.tasks import run_screening
from littlegiant.bilingual import choose
from littlegiant.digital import services as digital_services
from littlegiant.engine_labels import OUTCOME_LABELS, TIER_LABELS
from littlegiant.enterprises.models import AnnualFiling, Enterprise
from littlegiant.rules import InputError, assess_file, assess_record, registry
from littlegiant.rules.assessment import BATCH_THREADS
from littlegiant.rules.pack import SIZE_PACK_ID
from littlegiant.rules.records import coerce_value
from littlegiant.rules.schema import (
    APPLICATION_FIELDS,
    COLUMN_NAMES,
    DATA_FIELDS,
    FIELDS_BY_NAME,
    FieldKind,
)
from littlegiant.runs import RunStatus
from littlegiant.spreadsheet_cells import inert_sql

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from littlegiant.accounts.models import User
    from littlegiant.reference.models import Region

logger = logging.getLogger(__name__)

TIERS: tuple[str, ...] = ("innovative_sme", "srdi_sme", "little_giant")
SCREENING_CHUNK = 2000
APPLICATION_DEFAULTS = tuple({"application_kind": "new"}[name] for name in APPLICATION_FIELDS)
SCREENING_DIR = "screenings"
# The downloads' column saying where each record's digital level comes from (D17): MIIT or questionnaire.
LEVEL_SOURCE = workbook.LEVEL_SOURCE
RESULT_FORMATS = ("xlsx", "csv", "parquet")


# --- Records ---------------------------------------------------------------------------------------------


def filing_record(filing: AnnualFiling) -> dict[str, object]:
    """An annual filing as a canonical record (rules/schema.py field names), identity included."""
    enterprise = filing.enterprise
    record: dict[str, object] = {
        "credit_code": enterprise.credit_code,
        "name": enterprise.name,
        "region_code": enterprise.region_id,
        "industry_code": enterprise.industry_id,
        "year": filing.year,
    }
    for name in DATA_FIELDS:
        record[name] = getattr(filing, name)
    if record.get("digital_level") is None:
        # No MIIT result entered: the year's submitted questionnaire gives a provisional level (D17).
        record["digital_level"] = digital_services.level_for_year(enterprise.pk, filing.year).level
    # Decision D21: a self-assessment is of a new application unless it says otherwise.
    record["application_kind"] = "new"
    return record


class RecordInvalid(ValueError):
    """A submitted record has fields that are unknown or cannot be read; `errors` names each field."""

    def __init__(self, errors: list[dict[str, str]]) -> None:
        super().__init__("; ".join(f"{e['field']}: {e['message']}" for e in errors))
        self.errors = errors


def parse_record(data: Mapping[str, object]) -> dict[str, object]:
    """Check a submitted record against the canonical fields, all at once; empty means unknown (D5)."""
    errors: list[dict[str, str]] = []
    record: dict[str, object] = {}
    for name, raw in data.items():
        spec = FIELDS_BY_NAME.get(name)
        if spec is None:
            message = _("Unknown field: the canonical names are in rules/schema.py.")
            errors.append({"field": name, "message": message})
            continue
        try:
            # The engine's own reading of a value, so that the API accepts exactly what a batch file may hold.
            record[name] = coerce_value(spec, raw)
        except InputError as error:
            errors.append({"field": name, "message": error.problem})
            continue
        if spec.kind == FieldKind.FRACTION and record[name] is not None and not 0 <= record[name] <= 1:
            errors.append(
                {
                    "field": name,
                    "message": _("A share is a fraction between 0 and 1: 0.03 means three per cent."),
                }
            )
    if errors:
        raise RecordInvalid(errors)
    return record


# --- Self-assessment -------------------------------------------------------------------------------------


def applicable_pack_ids(evaluation_date: date, kind: str = "new") -> list[str]:
    """The size pack and, for each tier, the pack that applies to an application made on this date (D11)."""
    ids = [SIZE_PACK_ID] if SIZE_PACK_ID in registry.ids() else []
    for tier in TIERS:
        pack_id = registry.resolve(tier, evaluation_date, kind).id
        if pack_id not in ids:
            ids.append(pack_id)
    return ids


def assess_filing(
    filing: AnnualFiling, pack_ids: Sequence[str] | None = None, evaluation_date: date | None = None
) -> dict[str, dict]:
    """Explanations of a filing against the given packs (default: those applicable on the date)."""
    when = evaluation_date or timezone.localdate()
    packs = list(pack_ids) if pack_ids else applicable_pack_ids(when)
    explanations = assess_record(filing_record(filing), packs, evaluation_date=when)
    if filing.digital_level is None:
        digital_services.mark_provisional_level(explanations)
    return explanations


def latest_filing(enterprise: Enterprise, year: int | None = None) -> AnnualFiling | None:
    """The enterprise's filing for that year, or its most recent one."""
    filings = AnnualFiling.objects.filter(enterprise=enterprise).select_related("enterprise")
    if year is not None:
        return filings.filter(year=year).first()
    return filings.order_by("-year").first()


@dataclass(frozen=True, slots=True)
class TierStep:
    """One rung of the ladder: a tier, the pack that decides it, and its outcome."""

    tier: str
    pack_id: str
    outcome: str
    provisional: bool

    @property
    def label(self) -> str:
        return str(TIER_LABELS[self.tier])

    @property
    def outcome_label(self) -> str:
        return str(OUTCOME_LABELS.get(self.outcome, self.outcome))


@dataclass(frozen=True, slots=True)
class TierLadder:
    """Where an enterprise stands on the ladder innovative SME → SRDI SME → little giant; what it lacks."""

    size: str | None
    steps: tuple[TierStep, ...]
    reached: TierStep | None
    next: TierStep | None
    # Each lack carries text in both languages: label_zh/label_en, message_zh/message_en.
    lacks: tuple[dict[str, Any], ...] = field(default_factory=tuple)
    year: int | None = None  # the reference year of the filing read, for the years of its figures

    @property
    def size_label(self) -> str:
        return str(OUTCOME_LABELS.get(self.size, self.size)) if self.size else ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "size": self.size,
            "steps": [
                {"tier": s.tier, "pack": s.pack_id, "outcome": s.outcome, "provisional": s.provisional}
                for s in self.steps
            ],
            "reached": self.reached.tier if self.reached else None,
            "next": self.next.tier if self.next else None,
            "lacks": list(self.lacks),
        }


def tier_ladder(
    explanations: Mapping[str, Mapping[str, Any]], evaluation_date: date, year: int | None = None
) -> TierLadder:
    """Read the tier ladder off the explanations of the packs applicable on the date."""
    size = explanations.get(SIZE_PACK_ID, {}).get("outcome")
    steps: list[TierStep] = []
    for tier in TIERS:
        pack_id = registry.resolve(tier, evaluation_date, "new").id
        document = explanations.get(pack_id)
        if document is None:
            continue
        steps.append(
            TierStep(tier, pack_id, document["outcome"], bool(document.get("pack", {}).get("provisional")))
        )
    reached = None
    for step in steps:
        if step.outcome == "qualified":
            reached = step
    start = steps.index(reached) + 1 if reached else 0
    next_step = steps[start] if start < len(steps) else None
    lacks = _lacks(explanations[next_step.pack_id]) if next_step else ()
    return TierLadder(size, tuple(steps), reached, next_step, lacks, year)


def _lacks(document: Mapping[str, Any]) -> tuple[dict[str, Any], ...]:
    """What stands between the enterprise and a pack: gaps in plain words, failed conditions, unknowns."""
    by_id = {c["id"]: c for c in document.get("criteria", [])}
    lacks: list[dict[str, Any]] = []
    covered: set[str] = set()
    for gap in document.get("gaps", []):
        criterion = by_id.get(gap.get("criterion"), {})
        covered.add(gap.get("criterion"))
        lacks.append(
            {
                "label_zh": criterion.get("label_zh", ""),
                "label_en": criterion.get("label_en", ""),
                "message_zh": gap.get("message_zh", ""),
                "message_en": gap.get("message_en", ""),
                "figures": criterion.get("figures", []),
            }
        )
    for criterion in document.get("criteria", []):
        if (
            criterion["id"] in covered
            or criterion.get("kind") == "indicator"
            or criterion["status"] != "unmet"
        ):
            continue
        lacks.append(
            {
                "label_zh": criterion.get("label_zh", ""),
                "label_en": criterion.get("label_en", ""),
                "message_zh": f"未满足：{criterion.get('threshold') or criterion.get('label_zh', '')}",
                "message_en": f"Not met: {criterion.get('threshold') or criterion.get('label_en', '')}",
                "figures": criterion.get("figures", []),
            }
        )
    for name in document.get("missing_inputs", []):
        spec = FIELDS_BY_NAME.get(name)
        lacks.append(
            {
                "label_zh": spec.label_zh if spec else name,
                "label_en": spec.label_en if spec else name,
                "message_zh": "数据缺失，需要填写",
                "message_en": "Unknown: please fill it in",
                "field": name,
            }
        )
    return tuple(lacks)


def enterprise_tier_ladder(user: User, enterprise_id: int) -> TierLadder | None:
    """The ladder for an enterprise the user may see, from its latest filing (None: nothing to show)."""
    enterprise = Enterprise.objects.for_user(user).filter(pk=enterprise_id).first()
    if enterprise is None:
        return None
    filing = latest_filing(enterprise)
    if filing is None:
        return None
    today = timezone.localdate()
    return tier_ladder(assess_filing(filing, evaluation_date=today), today, filing.year)


# --- Batch screening -------------------------------------------------------------------------------------


class ScreeningInvalid(ValueError):
    """A screening request that cannot be run as asked; `field` names the part to change."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def can_screen(user: User) -> bool:
    """Reviewers and administrators may screen their jurisdiction."""
    return is_official(user)


def start_screening(
    user: User, pack_ids: Sequence[str], year: int, region: Region | None = None, *, enqueue: bool = True
) -> ScreeningRun:
    """Queue a screening of every enterprise's filing for `year` in `region` (default: the jurisdiction).

    With enqueue=False the caller runs it itself with `execute_screening` (the demo, without a worker).
    """
    if not can_screen(user):
        raise PermissionDenied(_("Only reviewers and administrators can screen enterprises."))
    known = set(registry.ids())
    packs = list(dict.fromkeys(pack_ids))
    if not packs:
        raise ScreeningInvalid("packs", _("Choose at least one rule pack."))
    unknown = [p for p in packs if p not in known]
    if unknown:
        raise ScreeningInvalid("packs", _("Unknown rule pack: %(packs)s.") % {"packs": ", ".join(unknown)})
    if not 1949 <= int(year) <= 2100:
        raise ScreeningInvalid("year", _("The reference year must be between 1949 and 2100."))
    region = _screening_region(user, region)
    with transaction.atomic():
        run = ScreeningRun.objects.create(
            requested_by=user, region=region, pack_ids=packs, year=year, evaluation_date=timezone.localdate()
        )
        ScreeningEvent.record(
            run=run,
            actor=user,
            role=_role_of(user),
            action="start",
            to_state=RunStatus.QUEUED,
            comment=", ".join(packs),
        )
        # The worker must find the committed row; the immediate backend (tests) runs it right after commit.
        if enqueue:
            transaction.on_commit(lambda: _enqueue(run.pk))
    return run


def _enqueue(run_id: int) -> None:
    runs.keep_task_id(ScreeningRun.objects, run_id, run_screening.enqueue(run_id))


def _screening_region(user: User, region: Region | None) -> Region | None:
    if region is not None:
        if not covers_region(user, region):
            raise PermissionDenied(_("%(region)s lies outside your jurisdiction.") % {"region": region.name})
        return region
    if is_administrator(user):
        return None
    paths = reviewer_region_paths(user)
    if paths is None:
        return None
    regions = list(user.reviewer_assignments.exclude(region=None).select_related("region"))
    if len(regions) != 1:
        raise ScreeningInvalid("region", _("You cover several regions: choose one."))
    return regions[0].region


def _role_of(user: User) -> str:
    if is_administrator(user):
        return "administrator"
    levels = sorted(set(user.reviewer_assignments.values_list("level", flat=True)))
    return f"{levels[-1] if levels else ''} reviewer".strip()


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
        totals = _amount_totals(connection, source, columns, pack_ids)
        _totals_path(base).write_text(json.dumps(totals, ensure_ascii=False), encoding="utf-8")
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


@dataclass(frozen=True, slots=True)
class AmountTotal:
    """One money amount of a calculation pack summed over a screening's enterprises: exact to the fen (each
    enterprise's amount is rounded half up to the fen first, D12, as the downloads carry it)."""

    pack_id: str
    column: str
    label_zh: str
    label_en: str
    total: Decimal
    enterprises: int  # with the amount above zero (that enjoy a deduction, a saving, pay a tax)
    known: int  # with the amount known at all (D5: unknown inputs leave it empty)

    @property
    def label(self) -> str:
        return choose(self.label_zh, self.label_en)


def _totals_path(base: Path) -> Path:
    return base.with_suffix(".totals.json")


def _amount_totals(
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


def screening_totals(run: ScreeningRun) -> list[AmountTotal]:
    """A finished run's amount totals (empty without a calculation pack), as its downloads would sum them:
    read from the note written beside the results, or summed from the Parquet file for a run older than it."""
    if run.status != RunStatus.DONE or not run.result_path:
        return []
    if not any(registry.get(p).is_calculation for p in run.pack_ids if p in registry.ids()):
        return []
    base = Path(settings.MEDIA_ROOT) / run.result_path
    if _totals_path(base).exists():
        rows = json.loads(_totals_path(base).read_text(encoding="utf-8"))
    else:
        results = base.with_suffix(".parquet")
        if not results.exists():
            return []
        connection = duckdb.connect()
        try:
            source = "read_parquet('" + str(results).replace("'", "''") + "')"
            columns = [row[0] for row in connection.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()]
            rows = _amount_totals(connection, source, columns, run.pack_ids)
        finally:
            connection.close()
    totals = []
    for row in rows:
        pack = registry.get(row["pack_id"])
        amount = next(a for a in pack.written_amounts if a.column == row["column"])
        totals.append(
            AmountTotal(
                row["pack_id"],
                row["column"],
                amount.label_zh,
                amount.label_en,
                Decimal(row["total"]),
                row["enterprises"],
                row["known"],
            )  # fmt: skip
        )
    return totals


def result_formats(run: ScreeningRun) -> tuple[str, ...]:
    """The formats a finished run's results download in: Excel only while they fit one sheet."""
    if run.total > workbook.MAX_ROWS:
        return tuple(fmt for fmt in RESULT_FORMATS if fmt != "xlsx")
    return RESULT_FORMATS


def screening_result_file(run: ScreeningRun, fmt: str) -> Path:
    """The path of a finished run's result file in one of the download formats."""
    if fmt not in RESULT_FORMATS:
        raise ValueError(_("Unknown format: %(fmt)s.") % {"fmt": fmt})
    if run.status != RunStatus.DONE or not run.result_path:
        raise ValueError(_("This screening has no results yet."))
    if fmt not in result_formats(run):
        raise ValueError(
            _("%(count)s rows do not fit an Excel sheet: download CSV or Parquet.") % {"count": run.total}
        )
    return Path(settings.MEDIA_ROOT) / f"{run.result_path}.{fmt}"


def fail_abandoned_screening(
    sender: object, *, task_path: str, args: list, reason: str, **kwargs: object
) -> None:
    """A screening whose worker died is marked failed with the reason, never left running (task_abandoned)."""
    if task_path != run_screening.module_path or not args:
        return
    run_id = int(args[0])
    if runs.is_unfinished(ScreeningRun.objects, run_id):
        fail_screening(run_id, reason)
        # What the dead worker had written is incomplete: it must not be mistaken for a result.
        shutil.rmtree(Path(settings.MEDIA_ROOT) / SCREENING_DIR / str(run_id), ignore_errors=True)
