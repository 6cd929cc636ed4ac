"""HTTP API of the policy what-if: scenarios of the jurisdiction, their runs, results and movers.

Same services and scoping as the pages: every lookup starts from a `for_user()` queryset; errors take the
shared shape (littlegiant.api_errors).
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from littlegiant.pagination import BoundedCursorPagination
from littlegiant.reference.models import Region
from littlegiant.rules import PackNotFound, registry
from littlegiant.rules.variants import pack_numbers
from littlegiant.scenarios import services
from littlegiant.scenarios.models import RunStatus, Scenario, ScenarioRun

router = Router()


class NumberOut(Schema):
    key: str = Field(description="The number's address, used as the key of `changes`")
    kind: str
    clause: str
    label_zh: str
    label_en: str
    value: str | None = Field(description="The value the standard sets (None: an open band edge)")


class ScenarioIn(Schema):
    name: str
    base_pack_id: str
    year: int
    changes: dict[str, str] = Field(default_factory=dict, description="number key -> new value")
    compare_pack_id: str = Field("", description="A second pack to compare with instead of changes")
    region: str = Field("", description="GB/T 2260 code; empty: your own jurisdiction")


class ScenarioOut(Schema):
    id: int
    name: str
    kind: str
    base_pack_id: str
    compare_pack_id: str
    changes: dict[str, str]
    region: str | None = Field(alias="region_id")
    year: int
    created_by: str
    created_at: datetime

    @staticmethod
    def resolve_created_by(obj: Any) -> str:
        return obj["created_by"] if isinstance(obj, dict) else obj.created_by.get_username()


class RunOut(Schema):
    id: int
    scenario: int
    status: str
    total: int
    processed: int
    percent: int
    evaluation_date: date
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    error: str


class GroupOut(Schema):
    key: str | None
    name: str
    gains: int
    losses: int
    shifts: int


class ResultOut(Schema):
    run: RunOut
    rows: int
    holding_base: int
    holding_variant: int
    gains: int
    losses: int
    shifts: int
    amount_change: str | None = Field(None, description="Change in the total amount (calculation packs)")
    by_region: list[GroupOut]
    by_section: list[GroupOut]
    by_size_class: list[GroupOut]


class MoverOut(Schema):
    credit_code: str
    name: str
    region: str = Field(alias="region_id")
    section: str | None = Field(alias="section_id")
    size_class: str
    direction: str
    base_outcome: str
    variant_outcome: str
    moved_by: list[str]

    @staticmethod
    def resolve_credit_code(obj: Any) -> str:
        return obj.enterprise.credit_code

    @staticmethod
    def resolve_name(obj: Any) -> str:
        return obj.enterprise.name


def _scenario_out(scenario: Scenario) -> dict[str, Any]:
    return {
        "id": scenario.pk,
        "name": scenario.name,
        "kind": scenario.kind,
        "base_pack_id": scenario.base_pack_id,
        "compare_pack_id": scenario.compare_pack_id,
        "changes": scenario.changes,
        "region_id": scenario.region_id,
        "year": scenario.year,
        "created_by": scenario.created_by.get_username(),
        "created_at": scenario.created_at,
    }


def _run_out(run: ScenarioRun) -> dict[str, Any]:
    return {
        "id": run.pk,
        "scenario": run.scenario_id,
        "status": run.status,
        "total": run.total,
        "processed": run.processed,
        "percent": run.percent,
        "evaluation_date": run.evaluation_date,
        "created_at": run.created_at,
        "started_at": run.started_at,
        "finished_at": run.finished_at,
        "error": run.error,
    }


def _official(request: HttpRequest) -> None:
    if not services.can_model(request.user):
        raise PermissionDenied(_("Only reviewers and administrators can model policy changes."))


@router.get(
    "/packs/{pack_id}/numbers",
    response=list[NumberOut],
    summary="The numbers of a pack a scenario may change",
)
def scenario_pack_numbers(request: HttpRequest, pack_id: str):
    _official(request)
    try:
        pack = registry.get(pack_id)
    except PackNotFound:
        raise ValidationError({"pack_id": _("Unknown rule pack: %(packs)s.") % {"packs": pack_id}}) from None
    return [{**asdict(n), "value": None if n.value is None else str(n.value)} for n in pack_numbers(pack)]


@router.get("/", response=list[ScenarioOut], summary="Scenarios of your jurisdiction, newest first")
@paginate(BoundedCursorPagination, ordering=("-created_at", "-pk"))
def list_scenarios(request: HttpRequest):
    _official(request)
    return Scenario.objects.for_user(request.user).select_related("created_by")


@router.post(
    "/", response={201: ScenarioOut}, summary="Save a scenario (changed numbers, or two packs compared)"
)
def create_scenario(request: HttpRequest, payload: ScenarioIn):
    region = None
    if payload.region:
        region = Region.objects.filter(pk=payload.region[:6]).first()
        if region is None:
            raise ValidationError({"region": _("Unknown region code.")})
    scenario = services.create_scenario(
        request.user,
        name=payload.name,
        base_pack_id=payload.base_pack_id,
        year=payload.year,
        changes=payload.changes,
        compare_pack_id=payload.compare_pack_id,
        region=region,
    )
    return Status(201, _scenario_out(scenario))


@router.get("/{pk}", response=ScenarioOut, summary="One scenario")
def get_scenario(request: HttpRequest, pk: int):
    return _scenario_out(
        get_object_or_404(Scenario.objects.for_user(request.user).select_related("created_by"), pk=pk)
    )


class ScenarioPatch(Schema):
    name: str | None = Field(None, description="A new name")
    changes: dict[str, str] | None = Field(
        None,
        description="The scenario's numbers, all of them (number key -> value); new numbers delete its runs",
    )


# url_name: the same path as get_scenario, so the endpoint sweep asks these methods of it too.
@router.patch(
    "/{pk}", response=ScenarioOut, url_name="get_scenario", summary="Rename or re-number a scenario"
)
def edit_scenario(request: HttpRequest, pk: int, payload: ScenarioPatch):
    scenario = get_object_or_404(Scenario.objects.for_user(request.user).select_related("created_by"), pk=pk)
    services.edit_scenario(scenario, by=request.user, name=payload.name, changes=payload.changes)
    return _scenario_out(scenario)


@router.delete(
    "/{pk}", response={204: None}, url_name="get_scenario", summary="Delete a scenario and its runs"
)
def delete_scenario(request: HttpRequest, pk: int):
    scenario = get_object_or_404(Scenario.objects.for_user(request.user), pk=pk)
    services.delete_scenario(scenario, by=request.user)
    return Status(204, None)


@router.post("/{pk}/runs", response={202: RunOut}, summary="Run a scenario in the background")
def run_scenario(request: HttpRequest, pk: int):
    scenario = get_object_or_404(Scenario.objects.for_user(request.user), pk=pk)
    run = services.start_run(scenario, by=request.user)
    run.refresh_from_db()
    return Status(202, _run_out(run))


@router.get("/runs/{pk}", response=RunOut, summary="A run's status and progress")
def scenario_run_status(request: HttpRequest, pk: int):
    return _run_out(get_object_or_404(ScenarioRun.objects.for_user(request.user), pk=pk))


def _finished(request: HttpRequest, pk: int) -> ScenarioRun:
    run = get_object_or_404(
        ScenarioRun.objects.for_user(request.user).select_related("scenario__region"), pk=pk
    )
    if run.status != RunStatus.DONE:
        raise ValidationError({"pk": _("This run has no result yet.")})
    return run


@router.get(
    "/runs/{pk}/result", response=ResultOut, summary="Who gains and who loses, by region, industry and size"
)
def scenario_run_result(request: HttpRequest, pk: int, region: str = ""):
    run = _finished(request, pk)
    within = None
    if region:
        within = Region.objects.filter(pk=region[:6]).first()
        if within is None or (run.scenario.region and not run.scenario.region.contains(within)):
            raise ValidationError({"region": _("No such region in this scenario.")})
    movers = services.movers_for(request.user, run)
    regions = services.by_region(movers, run, within)
    summary = run.summary
    return {
        "run": _run_out(run),
        **{
            k: summary.get(k, 0)
            for k in ("rows", "holding_base", "holding_variant", "gains", "losses", "shifts")
        },
        "amount_change": summary.get("amount_change"),
        "by_region": [{"key": r["code"], "name": r["name"], **_counts(r)} for r in regions],
        "by_section": [
            {"key": r["section"], "name": r["section"] or "", **_counts(r)}
            for r in services.by_group(movers, "section")
        ],
        "by_size_class": [
            {"key": r["size_class"], "name": r["size_class"], **_counts(r)}
            for r in services.by_group(movers, "size_class")
        ],
    }


def _counts(row: dict[str, Any]) -> dict[str, int]:
    return {"gains": row["gains"], "losses": row["losses"], "shifts": row["shifts"]}


@router.get(
    "/runs/{pk}/movers",
    response=list[MoverOut],
    summary="The enterprises that move, with the criteria that moved them",
)
@paginate(BoundedCursorPagination, ordering=("pk",))
def scenario_run_movers(request: HttpRequest, pk: int):
    run = _finished(request, pk)
    return services.movers_for(request.user, run).select_related("enterprise")
