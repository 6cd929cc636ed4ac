"""Self-assessment of an enterprise's filing against the rule packs, and batch screening of a jurisdiction.

The criteria themselves live in the engine (`littlegiant.rules`); this module turns filings into canonical
records, picks the packs that apply on a date, reads the tier ladder off the explanations, runs screenings.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
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
from littlegiant.assessment.execution import SCREENING_DIR, amount_totals, fail_screening, totals_path
from littlegiant.assessment.models import ScreeningEvent, ScreeningRun
from littlegiant.assessment.tasks import run_screening
from littlegiant.bilingual import choose
from littlegiant.digital import services as digital_services
from littlegiant.engine_labels import OUTCOME_LABELS, TIER_LABELS
from littlegiant.enterprises.models import AnnualFiling, Enterprise
from littlegiant.rules import InputError, assess_record, registry
from littlegiant.rules.pack import SIZE_PACK_ID
from littlegiant.rules.records import coerce_value
from littlegiant.rules.schema import DATA_FIELDS, FIELDS_BY_NAME, FieldKind
from littlegiant.runs import RunStatus

if TYPE_CHECKING:
    from littlegiant.accounts.models import User
    from littlegiant.reference.models import Region

TIERS: tuple[str, ...] = ("innovative_sme", "srdi_sme", "little_giant")
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


def screening_totals(run: ScreeningRun) -> list[AmountTotal]:
    """A finished run's amount totals (empty without a calculation pack), as its downloads would sum them:
    read from the note written beside the results, or summed from the Parquet file for a run older than it."""
    if run.status != RunStatus.DONE or not run.result_path:
        return []
    if not any(registry.get(p).is_calculation for p in run.pack_ids if p in registry.ids()):
        return []
    base = Path(settings.MEDIA_ROOT) / run.result_path
    if totals_path(base).exists():
        rows = json.loads(totals_path(base).read_text(encoding="utf-8"))
    else:
        results = base.with_suffix(".parquet")
        if not results.exists():
            return []
        connection = duckdb.connect()
        try:
            source = "read_parquet('" + str(results).replace("'", "''") + "')"
            columns = [row[0] for row in connection.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()]
            rows = amount_totals(connection, source, columns, run.pack_ids)
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


def fail_abandoned_screening(sender: object, **signal: Any) -> None:
    """A screening whose worker died is marked failed with the reason, never left running (task_abandoned)."""
    runs.fail_if_abandoned(ScreeningRun.objects, run_screening, fail_screening, SCREENING_DIR, **signal)
