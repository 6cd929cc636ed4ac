"""HTTP API for digital-level evaluations: the questionnaire, an enterprise's evaluations (open, save a section,
submit, read the result) and the 2027 tracker. Same services as the pages; every lookup starts from
`for_user()`; errors take the platform's one shape (api_errors)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from littlegiant.digital import services
from littlegiant.digital import tracker as tracking
from littlegiant.digital.models import Evaluation
from littlegiant.digital.questionnaire import load
from littlegiant.enterprises.models import Enterprise
from littlegiant.pagination import BoundedCursorPagination

router = Router()


class EvaluationOut(Schema):
    id: int
    enterprise_id: int
    year: int
    status: str
    source: str
    answers: dict[str, Any]
    sections_saved: list[str]
    foundation_points: str
    management_points: str
    results_points: str
    total_points: str | None = Field(None, description="Empty until every scored item is answered (D5)")
    provisional_level: int | None = Field(
        None, description="Provisional (D17, [U]): the 2022 bands on the score; a MIIT-entered level wins"
    )
    weakest_dimension: str
    next_section: str

    @staticmethod
    def from_model(evaluation: Evaluation) -> dict[str, Any]:
        return {
            "id": evaluation.pk,
            "enterprise_id": evaluation.enterprise_id,
            "year": evaluation.year,
            "status": evaluation.status,
            "source": evaluation.source,
            "answers": evaluation.answers,
            "sections_saved": evaluation.sections_saved,
            "foundation_points": services.points_text(evaluation.foundation_points),
            "management_points": services.points_text(evaluation.management_points),
            "results_points": services.points_text(evaluation.results_points),
            "total_points": services.points_text(evaluation.total_points)
            if evaluation.total_points is not None
            else None,
            "provisional_level": evaluation.provisional_level,
            "weakest_dimension": evaluation.weakest_dimension,
            "next_section": services.next_section(evaluation),
        }


class OpenIn(Schema):
    enterprise_id: int
    year: int


class SectionIn(Schema):
    answers: dict[str, Any] = Field(
        description="item id -> option key, list of keys or percentage; scenario id -> level 1-4; empty = unknown"
    )


class SubmitIn(Schema):
    pledge: bool = Field(description="The truthfulness pledge (诚信承诺): must be true")


class LevelOut(Schema):
    enterprise_id: int
    year: int
    level: int | None
    source: str = Field(description="miit (entered, wins), questionnaire (provisional, D17) or empty")
    provisional: bool


class TrackerCellOut(Schema):
    total: int
    at_goal: int
    share: float | None
    no_level: int
    by_level: dict[int, int]


class TrackerRowOut(Schema):
    code: str
    name: str
    years: dict[int, TrackerCellOut]


class TrackerOut(Schema):
    tier: str
    region: str | None
    goal_level: int = Field(description="D18, a parameter, [U]")
    goal_year: int
    totals: dict[int, TrackerCellOut]
    rows: list[TrackerRowOut]
    path: list[dict[str, Any]]


def _cell(cell: tracking.Cell) -> dict[str, Any]:
    return {
        "total": cell.total,
        "at_goal": cell.at_goal,
        "share": cell.share,
        "no_level": cell.no_level,
        "by_level": cell.by_level,
    }


@router.get("/questionnaire", response=dict[str, Any], summary="The 2024 questionnaire as data [S]")
def questionnaire(request: HttpRequest) -> dict[str, Any]:
    """Items with kind, options and exact points; bands as intervals; the 16 scenarios; the level rule ([U])."""
    q = load()
    return {
        "id": q.id,
        "document": q.document,
        "confidence": q.confidence,
        "level_rule": {
            "thresholds": {k: str(v) for k, v in q.level_thresholds.items()},
            "note": q.level_note_en,
        },
        "items": [
            {
                "id": i.id,
                "number": i.number,
                "dimension": i.dimension,
                "title_zh": i.title_zh,
                "kind": i.kind.value,
                "max_points": services.points_text(i.max_points),
                "options": [
                    {"key": o.key, "text_zh": o.text_zh, "points": services.points_text(o.points)}
                    for o in i.options
                ],
            }
            for i in q.items
        ],
        "scenarios": [
            {"id": s.id, "name_zh": s.name_zh, "binding": s.binding, "levels": s.levels} for s in q.scenarios
        ],
    }


@router.get(
    "/evaluations", response=list[EvaluationOut], summary="Evaluations the user may see, newest first"
)
@paginate(
    BoundedCursorPagination,
    ordering=("-pk",),
    present=lambda rows: [EvaluationOut.from_model(e) for e in rows],
)
def list_evaluations(request: HttpRequest, enterprise_id: int | None = None, year: int | None = None):
    queryset = Evaluation.objects.for_user(request.user)
    if enterprise_id is not None:
        queryset = queryset.filter(enterprise_id=enterprise_id)
    if year is not None:
        queryset = queryset.filter(year=year)
    return queryset


@router.post("/evaluations", response=EvaluationOut, summary="Open (or resume) an enterprise's evaluation")
def open_evaluation(request: HttpRequest, payload: OpenIn):
    enterprise = get_object_or_404(Enterprise.objects.for_user(request.user), pk=payload.enterprise_id)
    return EvaluationOut.from_model(services.open_evaluation(enterprise, by=request.user, year=payload.year))


@router.get("/evaluations/{pk}", response=EvaluationOut, summary="One evaluation")
def get_evaluation(request: HttpRequest, pk: int):
    return EvaluationOut.from_model(get_object_or_404(Evaluation.objects.for_user(request.user), pk=pk))


@router.put("/evaluations/{pk}/sections/{section}", response=EvaluationOut, summary="Save one section")
def save_section(request: HttpRequest, pk: int, section: str, payload: SectionIn):
    evaluation = get_object_or_404(Evaluation.objects.for_user(request.user), pk=pk)
    if section not in services.SECTIONS:
        raise Http404("No such section.")
    saved = services.save_section(evaluation, by=request.user, section=section, answers=payload.answers)
    return EvaluationOut.from_model(saved)


@router.post("/evaluations/{pk}/submit", response=EvaluationOut, summary="Submit under the pledge")
def submit(request: HttpRequest, pk: int, payload: SubmitIn):
    evaluation = get_object_or_404(Evaluation.objects.for_user(request.user), pk=pk)
    return EvaluationOut.from_model(services.submit(evaluation, by=request.user, pledge=payload.pledge))


@router.get("/enterprises/{enterprise_id}/level/{year}", response=LevelOut, summary="The level that counts")
def level(request: HttpRequest, enterprise_id: int, year: int):
    """The MIIT-entered level when there is one, else the questionnaire's provisional level (D17)."""
    enterprise = get_object_or_404(Enterprise.objects.for_user(request.user), pk=enterprise_id)
    reading = services.level_for_year(enterprise.pk, year)
    return {
        "enterprise_id": enterprise.pk,
        "year": year,
        "level": reading.level,
        "source": reading.source,
        "provisional": reading.provisional,
    }


@router.get("/tracker", response=TrackerOut, summary="The 2027 tracker (D18) for the user's jurisdiction")
def tracker(request: HttpRequest, tier: str = tracking.LITTLE_GIANT, region: str = ""):
    if not tracking.may_track(request.user):
        raise PermissionDenied("The tracker is for officials with a jurisdiction.")
    if tier not in tracking.TRACKED_TIERS:
        raise ValidationError({"tier": "The tracker follows little_giant and srdi_sme."})
    board = tracking.build(request.user, tier=tier, region_code=region)
    return {
        "tier": tier,
        "region": board.focus.code if board.focus else None,
        "goal_level": tracking.GOAL_LEVEL,
        "goal_year": tracking.GOAL_YEAR,
        "totals": {year: _cell(cell) for year, cell in board.totals.items()},
        "rows": [
            {"code": r.code, "name": r.name, "years": {y: _cell(c) for y, c in r.cells.items()}}
            for r in board.rows
        ],
        "path": board.path,
    }
