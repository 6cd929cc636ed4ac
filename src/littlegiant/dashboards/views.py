"""Dashboard pages: the figures of the viewer's jurisdiction with drill-down from the country to a county,
their downloads, the list of titles behind them, and the public page of national aggregates.
Thin views: resolve the region within the jurisdiction, build the board, render."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from littlegiant.dashboards.board import Board, build_board, official_beside
from littlegiant.dashboards.scope import dashboard_decision, focus_of, own_regions
from littlegiant.dashboards.titles import STATES, titles_for
from littlegiant.downloads import FORMATS, spreadsheet_response
from littlegiant.pagination import page_of
from littlegiant.permissions import ensure
from littlegiant.recognition.models import Tier

TITLES_PAGE = 50


def _context(board: Board, **extra: object) -> dict[str, object]:
    figures = list(board.figures.values())
    return {
        "board": board,
        "figures": figures,
        "charts": {figure.key: figure.chart_data() for figure in figures if figure.chart != "none"},
        "official": official_beside(board),
        "trail": board.focus.ancestors() if board.focus else [],
        **extra,
    }


def _board(request: HttpRequest, code: str | None) -> Board:
    ensure(dashboard_decision(request.user))
    return build_board(request.user, focus_of(request.user, code))


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The dashboard of the viewer's own jurisdiction (the country for national officials)."""
    board = _board(request, None)
    return render(request, "dashboards/board.html", _context(board, own_regions=own_regions(request.user)))


@login_required
@require_GET
def region(request: HttpRequest, code: str) -> HttpResponse:
    """The dashboard of one region inside the jurisdiction (404 outside it)."""
    board = _board(request, code)
    return render(request, "dashboards/board.html", _context(board, own_regions=own_regions(request.user)))


@login_required
@require_GET
def export(request: HttpRequest, figure: str, fmt: str) -> HttpResponse:
    """One figure of a region as CSV or XLSX: the rows of its table."""
    if fmt not in FORMATS:
        raise Http404(_("Choose CSV or XLSX."))
    board = _board(request, request.GET.get("region") or None)
    found = board.figures.get(figure)
    if found is None:
        raise Http404(_("No such figure."))
    where = board.focus.code if board.focus else "national"
    return spreadsheet_response(fmt, name=f"{figure}-{where}", header=found.header, rows=found.rows)


@login_required
@require_GET
def titles(request: HttpRequest) -> HttpResponse:
    """The titles behind a figure, within the jurisdiction: by region, tier, industry section and state."""
    ensure(dashboard_decision(request.user))
    code = request.GET.get("region", "")
    focus = focus_of(request.user, code) if code else None
    tier = request.GET.get("tier", "")
    section = request.GET.get("section", "")[:1]
    state = request.GET.get("state", "valid")
    state = state if state in STATES else "valid"
    queryset = titles_for(
        request.user, region=focus, tier=tier, section=section, state=state, day=timezone.localdate()
    ).select_related("enterprise", "application__region", "batch")
    page = page_of(queryset.order_by("-valid_from", "pk"), request, size=TITLES_PAGE)
    return render(
        request,
        "dashboards/titles.html",
        {
            "page": page,
            "focus": focus,
            "tier": tier,
            "section": section,
            "state": state,
            "tiers": Tier.choices,
            "states": [
                ("valid", _("Valid")),
                ("revoked", _("Revoked")),
                ("expired", _("Expired")),
                ("", _("Any state")),
            ],
        },
    )


@require_GET
def public(request: HttpRequest) -> HttpResponse:
    """National aggregate counts for everyone, no sign-in: never an enterprise, never a list."""
    board = build_board(None, None)
    return render(request, "dashboards/public.html", _context(board))
