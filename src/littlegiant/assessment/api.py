"""HTTP API for assessment: explanations of a filing, ad-hoc records, the rule packs, batch screenings.

Same services and permissions as the web pages; every lookup starts from a `for_user()` queryset.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate
from pydantic import ConfigDict, create_model

from littlegiant.assessment import calculator, services
from littlegiant.assessment.models import ScreeningRun
from littlegiant.enterprises.filing_values import parse_filing_values
from littlegiant.enterprises.models import Enterprise
from littlegiant.enterprises.permissions import enterprise_decision
from littlegiant.pagination import BoundedCursorPagination
from littlegiant.permissions import ensure
from littlegiant.reference.models import Region
from littlegiant.rules import PackNotFound, assess_record, registry
from littlegiant.rules.schema import FIELDS_BY_NAME

router = Router()


class PackRef(Schema):
    model_config = ConfigDict(extra="allow")
    id: str
    version: str
    title_zh: str
    title_en: str
    document: str
    provisional: bool = False


class Subtotal(Schema):
    model_config = ConfigDict(extra="allow")
    id: str
    label_zh: str
    label_en: str
    points: int | float | str | None = None
    max: int | float | str | None = None
    minimum: int | float | str | None = None
    status: str


class Band(Schema):
    model_config = ConfigDict(extra="allow")
    label: str
    points: int | float | str | None = None


class CriterionResult(Schema):
    model_config = ConfigDict(extra="allow")
    id: str
    kind: str
    label_zh: str
    label_en: str
    clause: str
    confidence: str = Field(description="C confirmed, S secondary source, U unconfirmed")
    declared: bool = Field(
        False, description="A declared qualitative input, to be confirmed by a reviewer (D9)"
    )
    inputs: dict[str, Any] = {}
    value: str | None = None
    status: str = Field(description="met | unmet | unknown | not_evaluated")
    band: Band | None = None
    points: int | float | str | None = None
    max_points: int | float | str | None = None
    threshold: str | None = None
    note: str | None = None


class Change(Schema):
    model_config = ConfigDict(extra="allow")
    field: str
    to: str | None = None
    delta: str | None = None


class Gap(Schema):
    model_config = ConfigDict(extra="allow")
    criterion: str
    message_zh: str
    message_en: str
    changes: list[Change] = []
    points_gained: int | float | str | None = None


class Explanation(Schema):
    """One pack's explanation document (schema littlegiant.explanation/1)."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)
    schema_: str = Field(alias="schema")
    pack: PackRef
    evaluated_on: str
    outcome: str = Field(
        description="qualified | not_qualified | insufficient_data; size: large | medium | small | micro; "
        "a calculation pack: eligible | not_eligible | not_applicable | insufficient_data"
    )
    score: int | float | str | None = None
    subtotals: list[Subtotal] = []
    criteria: list[CriterionResult]
    gaps: list[Gap] = []
    missing_inputs: list[str] = []
    parameters: list[dict[str, Any]] = Field(
        default_factory=list, description="a calculation pack's parameters: value, default, clause"
    )
    amounts: list[dict[str, Any]] = Field(
        default_factory=list,
        description="a calculation pack's steps in order: exact value, value to the fen, formula, clause cited",
    )


class TierStepOut(Schema):
    tier: str
    pack: str
    outcome: str
    provisional: bool


class TierLadderOut(Schema):
    size: str | None
    steps: list[TierStepOut]
    reached: str | None
    next: str | None
    lacks: list[dict[str, str]]


class AssessmentOut(Schema):
    enterprise: int
    credit_code: str
    year: int
    evaluated_on: date
    ladder: TierLadderOut
    explanations: dict[str, Explanation]


class RecordIn(Schema):
    record: dict[str, Any] = Field(
        description="Canonical field names (rules/schema.py); empty or null is unknown"
    )
    packs: list[str] | None = Field(None, description="Pack ids; default: the packs applicable on the date")
    evaluation_date: date | None = None


class CriterionOut(Schema):
    id: str
    kind: str
    label_zh: str
    label_en: str
    clause: str
    confidence: str
    declared: bool


class PackOut(Schema):
    id: str
    version: str
    title_zh: str
    title_en: str
    document: str
    provisional: bool


class PackDetailOut(PackOut):
    required_fields: list[str]
    criteria: list[CriterionOut]


class ScreeningIn(Schema):
    packs: list[str]
    year: int
    region: str | None = Field(None, description="GB/T 2260 code; default: your jurisdiction")


class ScreeningOut(Schema):
    id: int
    region: str | None
    packs: list[str]
    year: int
    evaluation_date: date
    status: str
    total: int
    processed: int
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    summary: dict[str, dict[str, int]]
    error: str
    downloads: dict[str, str]


def _enterprise(request: HttpRequest, pk: int) -> Enterprise:
    return get_object_or_404(Enterprise.objects.for_user(request.user), pk=pk)


def _packs_param(packs: str | None) -> list[str] | None:
    if not packs:
        return None
    wanted = [p.strip() for p in packs.split(",") if p.strip()]
    unknown = [p for p in wanted if p not in registry.ids()]
    if unknown:
        raise ValidationError({"packs": _unknown_packs(unknown)})
    return wanted


def _unknown_packs(unknown: list[str]) -> str:
    return _("unknown rule pack %(packs)s") % {"packs": ", ".join(unknown)}


def _filing(enterprise: Enterprise, year: int | None):
    filing = services.latest_filing(enterprise, year)
    if filing is None:
        raise HttpError(
            404, _("This enterprise has no data for that year.") if year else _("No annual data yet.")
        )
    return filing


@router.get(
    "/enterprises/{pk}/assessment",
    response=AssessmentOut,
    summary="Assess an enterprise's filing",
    by_alias=True,
)
def enterprise_assessment(request: HttpRequest, pk: int, year: int | None = None, packs: str | None = None):
    """Every applicable pack (or those named in `packs`, comma-separated) for the latest or given year."""
    enterprise = _enterprise(request, pk)
    filing = _filing(enterprise, year)
    today = timezone.localdate()
    wanted = _packs_param(packs)
    applicable = services.applicable_pack_ids(today)
    explanations = services.assess_filing(filing, [*applicable, *(wanted or [])], today)
    shown = wanted or applicable
    return {
        "enterprise": enterprise.pk,
        "credit_code": enterprise.credit_code,
        "year": filing.year,
        "evaluated_on": today,
        "ladder": services.tier_ladder(explanations, today).as_dict(),
        "explanations": {p: explanations[p] for p in shown if p in explanations},
    }


@router.get(
    "/enterprises/{pk}/explanations/{pack_id}",
    response=Explanation,
    summary="One pack's explanation for a filing",
    by_alias=True,
)
def enterprise_explanation(request: HttpRequest, pk: int, pack_id: str, year: int | None = None):
    enterprise = _enterprise(request, pk)
    if pack_id not in registry.ids():
        raise HttpError(404, _("No rule pack %(pack)s.") % {"pack": pack_id})
    filing = _filing(enterprise, year)
    return services.assess_filing(filing, [pack_id], timezone.localdate())[pack_id]


@router.post(
    "/assess",
    response={200: dict[str, Explanation]},
    summary="Assess an ad-hoc record",
    by_alias=True,
)
def assess(request: HttpRequest, payload: RecordIn):
    """Assess a record that is not stored: what-if questions, other systems. Errors name the field."""
    try:
        record = services.parse_record(payload.record)
    except services.RecordInvalid as error:
        raise ValidationError({item["field"]: [item["message"]] for item in error.errors}) from None
    when = payload.evaluation_date or timezone.localdate()
    if payload.packs:
        unknown = [p for p in payload.packs if p not in registry.ids()]
        if unknown:
            raise ValidationError({"packs": _unknown_packs(unknown)})
    packs = payload.packs or services.applicable_pack_ids(when)
    return Status(200, assess_record(record, packs, evaluation_date=when))


def _pack_out(pack) -> dict[str, Any]:
    return {
        "id": pack.id,
        "version": pack.version,
        "title_zh": pack.title_zh,
        "title_en": pack.title_en,
        "document": pack.document,
        "provisional": bool(getattr(pack, "provisional", False)),
    }


@router.get("/packs", response=list[PackOut], summary="The rule packs")
def packs(request: HttpRequest):
    return [_pack_out(registry.get(pack_id)) for pack_id in registry.ids()]


@router.get("/packs/{pack_id}", response={200: PackDetailOut}, summary="A rule pack's criteria")
def pack_detail(request: HttpRequest, pack_id: str):
    try:
        pack = registry.get(pack_id)
    except PackNotFound:
        raise HttpError(404, _("No rule pack %(pack)s.") % {"pack": pack_id}) from None
    return Status(
        200,
        {
            **_pack_out(pack),
            "required_fields": list(pack.required_fields()),
            "criteria": [
                {
                    "id": c.id,
                    "kind": str(c.kind),
                    "label_zh": c.label_zh,
                    "label_en": c.label_en,
                    "clause": c.clause,
                    "confidence": str(c.confidence),
                    "declared": bool(c.declared),
                }
                for c in pack.criteria
            ],
        },
    )


def _screening_out(run: ScreeningRun) -> dict[str, Any]:
    from django.urls import reverse

    downloads = (
        {
            fmt: reverse("assessment:screening_download", args=[run.pk, fmt])
            for fmt in services.result_formats(run)
        }
        if run.status == "done"
        else {}
    )
    return {
        "id": run.pk,
        "region": run.region_id,
        "packs": run.pack_ids,
        "year": run.year,
        "evaluation_date": run.evaluation_date,
        "status": run.status,
        "total": run.total,
        "processed": run.processed,
        "created_at": run.created_at,
        "started_at": run.started_at,
        "finished_at": run.finished_at,
        "summary": run.summary,
        "error": run.error,
        "downloads": downloads,
    }


@router.get("/screenings", response=list[ScreeningOut], summary="Your screenings, newest first")
@paginate(
    BoundedCursorPagination, ordering=("-pk",), present=lambda runs: [_screening_out(run) for run in runs]
)
def screenings(request: HttpRequest):
    return ScreeningRun.objects.for_user(request.user)


@router.post(
    "/screenings",
    response={201: ScreeningOut},
    summary="Start a batch screening",
)
def start_screening(request: HttpRequest, payload: ScreeningIn):
    region = None
    if payload.region:
        region = Region.objects.filter(pk=payload.region).first()
        if region is None:
            raise ValidationError({"region": _("Unknown region code.")})
    try:
        run = services.start_screening(request.user, payload.packs, payload.year, region)
    except services.ScreeningInvalid as error:
        raise ValidationError({error.field: str(error)}) from None
    run.refresh_from_db()
    return Status(201, _screening_out(run))


@router.get("/screenings/{pk}", response=ScreeningOut, summary="A screening's status and progress")
def screening(request: HttpRequest, pk: int):
    return _screening_out(get_object_or_404(ScreeningRun.objects.for_user(request.user), pk=pk))


# --- The R&D super-deduction calculator ----------------------------------------------------------------------


# The fields sent are set (null: unknown), read exactly as in an import file; fields left out keep their values.
RdBreakdownIn = create_model(
    "RdBreakdownIn",
    __config__=ConfigDict(extra="forbid"),
    **{
        name: (
            Any,
            Field(None, description=f"{FIELDS_BY_NAME[name].label_en} ({FIELDS_BY_NAME[name].label_zh})"),
        )
        for name in calculator.BREAKDOWN_FIELDS
    },
)


class RdComparisonRow(Schema):
    id: str
    label_zh: str
    label_en: str
    this_year: str | None
    next_year: str | None


class RdCalculationOut(Schema):
    enterprise: int
    year: int
    pack: str
    outcome: str
    amounts: dict[str, str | None] = Field(
        description="deductible_base, rate, additional_deduction, tax_before, tax_after, tax_saving (yuan, to the fen)"
    )
    explanation: Explanation
    extra: str | None = Field(None, description="next year's extra R&D (yuan) of the what-if, if asked")
    what_if: list[RdComparisonRow] = Field(default_factory=list)


def _calculation_out(enterprise: Enterprise, calculation: calculator.Calculation) -> dict[str, Any]:
    document = calculation.explanation
    return {
        "enterprise": enterprise.pk,
        "year": calculation.year,
        "pack": calculator.RD_PACK_ID,
        "outcome": document["outcome"],
        "amounts": {
            amount["column"]: amount["value"]
            for amount in document["amounts"]
            if amount["column"] is not None
        },
        "explanation": document,
        "extra": None if calculation.extra is None else format(calculation.extra, "f"),
        "what_if": [
            {
                "id": row["amount"]["id"],
                "label_zh": row["amount"]["label_zh"],
                "label_en": row["amount"]["label_en"],
                "this_year": row["amount"]["value"],
                "next_year": row["then"]["value"],
            }
            for row in calculation.comparison
        ],
    }


@router.get(
    "/enterprises/{pk}/rd-calculation",
    response=RdCalculationOut,
    summary="The R&D super-deduction of an enterprise's filing, step by step, with next year's what-if",
    by_alias=True,
)
def rd_calculation(request: HttpRequest, pk: int, year: int | None = None, extra: Decimal | None = None):
    """cn.mof.rd-super-deduction.2023 on the latest (or given) year's filing; `extra` (yuan, ≥ 0) adds next
    year's what-if: that much more R&D as staff costs, taxable income lower by the same amount."""
    enterprise = _enterprise(request, pk)
    filing = _filing(enterprise, year)
    if extra is not None and (not extra.is_finite() or extra < 0 or extra > Decimal("1e15")):
        raise ValidationError({"extra": _("must be between 0 and 10^15 yuan")})
    return _calculation_out(enterprise, calculator.calculate(filing, extra=extra))


@router.put(
    "/enterprises/{pk}/rd-breakdown/{year}",
    response=RdCalculationOut,
    summary="Save the R&D breakdown of a year's filing and recalculate",
    by_alias=True,
)
def put_rd_breakdown(request: HttpRequest, pk: int, year: int, payload: RdBreakdownIn):  # type: ignore[valid-type]
    """Set any of the breakdown's fields (the nine R&D items and the tax fields of enterprise-data.md; null is
    unknown); the others keep their values. Each bad field is named (422); only the enterprise's members (or an
    administrator) may change it (403)."""
    enterprise = _enterprise(request, pk)
    # Refuse before reading the values: seeing an enterprise is not a right to make the server parse for it.
    ensure(enterprise_decision(request.user, "change", enterprise))
    _filing(enterprise, year)
    sent = payload.model_dump(include=payload.model_fields_set)  # type: ignore[attr-defined]
    values, problems = parse_filing_values(sent)
    if problems:
        raise ValidationError(problems)
    filing = calculator.save_breakdown(enterprise, year, values, by=request.user)
    return _calculation_out(enterprise, calculator.calculate(filing))
