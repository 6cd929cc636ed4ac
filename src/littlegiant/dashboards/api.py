"""The dashboards' figures over the API: every figure of a region within the caller's jurisdiction, one
figure at a time, and the public national aggregates (no sign-in)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema

from littlegiant.dashboards.board import Board, Figure, build_board, official_beside
from littlegiant.dashboards.scope import dashboard_decision, focus_of
from littlegiant.permissions import ensure

router = Router()


class FigureOut(Schema):
    key: str
    title: str
    header: list[str]
    rows: list[list[Any]]
    note: str


class OfficialOut(Schema):
    key: str
    label: str
    reported: int
    over: bool
    as_of: str
    source: str
    ours: Any


class BoardOut(Schema):
    region: str | None
    region_name: str | None
    totals: dict[str, Any]
    official: list[OfficialOut]
    figures: list[FigureOut]
    demo_rollup: bool


def _figure(figure: Figure) -> dict[str, Any]:
    return {
        "key": figure.key,
        "title": figure.title,
        "header": figure.header,
        "rows": [[_plain(cell) for cell in row] for row in figure.rows],
        "note": figure.note,
    }


def _plain(value: Any) -> Any:
    return value if value is None or isinstance(value, int | float | str) else str(value)


def _board(board: Board) -> dict[str, Any]:
    return {
        "region": board.focus.code if board.focus else None,
        "region_name": board.focus.name if board.focus else None,
        "totals": {key: _plain(value) for key, value in board.totals.items()},
        "official": official_beside(board),
        "figures": [_figure(figure) for figure in board.figures.values()],
        "demo_rollup": board.has_demo_rollup,
    }


def _scoped_board(request: HttpRequest, code: str | None) -> Board:
    ensure(dashboard_decision(request.user))
    return build_board(request.user, focus_of(request.user, code))


@router.get("/", response=BoardOut, summary="Every figure of the caller's jurisdiction")
def own_board(request: HttpRequest) -> dict[str, Any]:
    """The country for national officials, the region of their first assignment for the others."""
    return _board(_scoped_board(request, None))


@router.get("/regions/{code}", response=BoardOut, summary="Every figure of a region in the jurisdiction")
def region_board(request: HttpRequest, code: str) -> dict[str, Any]:
    """404 for a region outside the caller's jurisdiction."""
    return _board(_scoped_board(request, code))


@router.get("/regions/{code}/figures/{figure}", response=FigureOut, summary="One figure of a region")
def region_figure(request: HttpRequest, code: str, figure: str) -> dict[str, Any]:
    """A figure by key (titles_by_region, titles_by_section, titles_by_size, funnel, events_by_year, …)."""
    found = _scoped_board(request, code).figures.get(figure)
    if found is None:
        raise Http404(_("No such figure."))
    return _figure(found)


@router.get("/public", response=BoardOut, auth=None, summary="National aggregates (no sign-in)")
def public_board(request: HttpRequest) -> dict[str, Any]:
    """The public page's figures: national counts only, never an enterprise."""
    return _board(build_board(None, None))
