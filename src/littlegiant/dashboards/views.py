"""Dashboard pages: the figures of the viewer's jurisdiction with drill-down from the country to a county,
their downloads, the list of titles behind them, and the public page of national aggregates.
Thin views: resolve the region within the jurisdiction, build the board, render."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from littlegiant.dashboards.board import Board, build_board, official_beside
from littlegiant.dashboards.scope import dashboard_decision, focus_of, own_regions
from littlegiant.dashboards.titles import EVENTS, STATES, UNKNOWN_SIZE, titles_for
from littlegiant.downloads import FORMATS, export_format, spreadsheet_response
from littlegiant.figures.services import SIZE_CLASSES
from littlegiant.pagination import page_of
from littlegiant.permissions import ensure
from littlegiant.recognition.models import Tier

TITLES_PAGE = 50
SIZE_LABELS = {"large": gettext_lazy("Large"), "medium": gettext_lazy("Medium"), "small": gettext_lazy("Small"),
               "micro": gettext_lazy("Micro")}  # fmt: skip


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
    kind = export_format(fmt)
    board = _board(request, request.GET.get("region") or None)
    found = board.figures.get(figure)
    if found is None:
        raise Http404(_("No such figure."))
    where = board.focus.code if board.focus else "national"
    return spreadsheet_response(kind, name=f"{figure}-{where}", header=found.header, rows=found.rows)


def _whole(value: str) -> int | None:
    """A year or a batch number from the query string; None when absent or not a small whole number."""
    return int(value) if value.isdigit() and len(value) <= 9 else None


@login_required
@require_GET
def titles(request: HttpRequest) -> HttpResponse:
    """The titles behind a figure, within the jurisdiction: by region, tier, industry section, size class,
    batch, state, and an event in a year (recognised, revoked, expired); `?format=csv|xlsx` downloads them."""
    ensure(dashboard_decision(request.user))
    code = request.GET.get("region", "")
    focus = focus_of(request.user, code) if code else None
    tier = request.GET.get("tier", "")
    section = request.GET.get("section", "")[:1]
    size = request.GET.get("size", "")
    size = size if size in (*SIZE_CLASSES, UNKNOWN_SIZE) else ""
    year, batch = _whole(request.GET.get("year", "")), _whole(request.GET.get("batch", ""))
    event = request.GET.get("event", "")
    event = event if event in EVENTS and year is not None else ""
    # An event or a batch counts titles in any state (a revoked title was recognised too).
    state = request.GET.get("state", "" if (event or batch is not None) else "valid")
    state = state if state in STATES else "valid"
    queryset = titles_for(
        request.user, region=focus, tier=tier, section=section, state=state, day=timezone.localdate(),
        size=size, year=year, event=event, batch=batch,
    ).select_related("enterprise", "application__region", "batch")  # fmt: skip
    fmt = request.GET.get("format", "")
    if fmt in FORMATS:
        return spreadsheet_response(
            fmt,
            name=f"titles-{focus.code if focus else 'all'}",
            header=[_("Unified social credit code"), _("Enterprise"), _("Tier"), _("Region"), _("Batch"),
                    _("Valid from"), _("Valid until"), _("Revoked on")],
            rows=(
                [title.enterprise.credit_code, title.enterprise.name, str(title.get_tier_display()),
                 title.application.region.name, title.batch.title, title.valid_from.isoformat(),
                 title.valid_until.isoformat(),
                 timezone.localtime(title.revoked_at).date().isoformat() if title.revoked_at else ""]
                for title in queryset.order_by("-valid_from", "pk").iterator(chunk_size=2000)
            ),
        )  # fmt: skip
    page = page_of(queryset.order_by("-valid_from", "pk"), request, size=TITLES_PAGE)
    filters = {"region": focus.code if focus else "", "tier": tier, "section": section, "size": size,
               "year": year or "", "event": event, "batch": batch or "", "state": state}  # fmt: skip
    query = urlencode({name: value for name, value in filters.items() if value != ""})
    return render(
        request,
        "dashboards/titles.html",
        {
            "page": page,
            "focus": focus,
            "tier": tier,
            "section": section,
            "size": size,
            "year": year,
            "event": event,
            "batch": batch,
            "state": state,
            "query": query,
            "tiers": Tier.choices,
            "sizes": [*[(value, SIZE_LABELS[value]) for value in SIZE_CLASSES], (UNKNOWN_SIZE, _("Unknown"))],
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
