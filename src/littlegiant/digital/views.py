"""Web pages: an enterprise's digital-level evaluation (one section per page), its result, and the 2027
tracker for officials. Thin views: fetch scoped to the user, call a service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from littlegiant.digital import exports, importing, scoring, services
from littlegiant.digital import tracker as tracking
from littlegiant.digital.forms import (
    ImportForm,
    PledgeForm,
    SectionForm,
    StartForm,
    TransformationRequestForm,
)
from littlegiant.digital.models import Evaluation, EvaluationStatus
from littlegiant.downloads import export_format
from littlegiant.enterprises.models import Enterprise
from littlegiant.pagination import page_of

NOT_THERE_SHOWN = 100
# The service network's category for these requests; the result page posts its form to the network's own page.
SERVICE_CATEGORY = "digital"


def _posted(request: HttpRequest):  # noqa: ANN202
    # A POST with every box left empty is still a submission (an empty QueryDict is falsy).
    return request.POST if request.method == "POST" else None


def _evaluation(request: HttpRequest, pk: int) -> Evaluation:
    queryset = Evaluation.objects.for_user(request.user).select_related(
        "enterprise__region", "enterprise__industry__division__section"
    )
    return get_object_or_404(queryset, pk=pk)


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The enterprises the user acts for, each with its evaluations to resume or read."""
    enterprises = list(Enterprise.objects.filter(memberships__user=request.user).order_by("name"))
    evaluations = Evaluation.objects.filter(enterprise__in=enterprises).order_by("-year")
    by_enterprise: dict[int, list[Evaluation]] = {}
    for evaluation in evaluations:
        by_enterprise.setdefault(evaluation.enterprise_id, []).append(evaluation)
    return render(
        request,
        "digital/home.html",
        {
            "rows": [(e, by_enterprise.get(e.pk, [])) for e in enterprises],
            "year": timezone.localdate().year,
            "may_track": tracking.may_track(request.user),
            "questionnaire": services.load(),
        },
    )


@login_required
@require_POST
def start(request: HttpRequest) -> HttpResponse:
    """Open (or resume) the enterprise's evaluation for a year, at its first unsaved section."""
    form = StartForm(request.POST)
    if not form.is_valid():
        raise Http404(_("Choose an enterprise and a year."))
    enterprise = get_object_or_404(
        Enterprise.objects.for_user(request.user), pk=form.cleaned_data["enterprise"]
    )
    try:
        evaluation = services.open_evaluation(enterprise, by=request.user, year=form.cleaned_data["year"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("digital:home")
    if evaluation.status == EvaluationStatus.SUBMITTED:
        return redirect("digital:result", evaluation.pk)
    return redirect("digital:section", evaluation.pk, services.next_section(evaluation))


@login_required
@require_http_methods(["GET", "POST"])
def section(request: HttpRequest, pk: int, section: str) -> HttpResponse:
    """One section of the questionnaire; saving moves on, or stops to resume later."""
    evaluation = _evaluation(request, pk)
    if section not in services.SECTIONS:
        raise Http404(_("No such section."))
    if evaluation.status == EvaluationStatus.SUBMITTED:
        return redirect("digital:result", evaluation.pk)
    questionnaire = services.questionnaire_of(evaluation)
    initial = {key: evaluation.answers.get(key) for key in services.section_fields(questionnaire, section)}
    form = SectionForm(questionnaire, section, _posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_section(evaluation, by=request.user, section=section, answers=form.cleaned_data)
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                form.add_error(field if field in form.fields else None, problems)
        else:
            if "stop" in request.POST:
                messages.success(request, _("Saved. You can come back and continue at any time."))
                return redirect("digital:home")
            index = services.SECTIONS.index(section)
            if index + 1 < len(services.SECTIONS):
                return redirect("digital:section", evaluation.pk, services.SECTIONS[index + 1])
            return redirect("digital:pledge", evaluation.pk)
    return render(
        request,
        "digital/section.html",
        {
            "evaluation": evaluation,
            "questionnaire": questionnaire,
            "form": form,
            "section": section,
            "sections": services.section_labels(questionnaire),
            "items": {item.id: item for item in questionnaire.items},
            "scenarios": {s.id: s for s in questionnaire.scenarios},
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def pledge(request: HttpRequest, pk: int) -> HttpResponse:
    """The truthfulness pledge and the submission."""
    evaluation = _evaluation(request, pk)
    if evaluation.status == EvaluationStatus.SUBMITTED:
        return redirect("digital:result", evaluation.pk)
    questionnaire = services.questionnaire_of(evaluation)
    form = PledgeForm(_posted(request))
    if request.method == "POST":
        try:
            services.submit(
                evaluation, by=request.user, pledge=form.is_valid() and form.cleaned_data["pledge"]
            )
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                form.add_error(field if field in form.fields else None, problems)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Submitted. Your provisional level is below."))
            return redirect("digital:result", evaluation.pk)
    score = scoring.score(questionnaire, evaluation.answers)
    return render(
        request,
        "digital/pledge.html",
        {
            "evaluation": evaluation,
            "questionnaire": questionnaire,
            "form": form,
            "score": score,
            "missing": [questionnaire.item(i) for i in score.missing],
            "sections": services.section_labels(questionnaire),
        },
    )


@login_required
@require_GET
def result(request: HttpRequest, pk: int) -> HttpResponse:
    """The result: points per dimension, the provisional level, the gap to the next one, the radar, history."""
    evaluation = _evaluation(request, pk)
    context = services.result_context(evaluation, request.user)
    initial = context["request_initial"]
    context["request_form"] = TransformationRequestForm(initial=initial) if initial else None
    context["service_category"] = SERVICE_CATEGORY
    context["resume_url"] = _resume_url(evaluation)
    return render(request, "digital/result.html", context)


def _resume_url(evaluation: Evaluation) -> str:
    following = services.next_section(evaluation)
    if following == services.PLEDGE:
        return reverse("digital:pledge", args=[evaluation.pk])
    return reverse("digital:section", args=[evaluation.pk, following])


def _tracker_params(request: HttpRequest) -> tuple[str, str, int | None]:
    tier = request.GET.get("tier") or tracking.LITTLE_GIANT
    if tier not in tracking.TRACKED_TIERS:
        raise Http404(_("The tracker follows little giants and SRDI SMEs."))
    year_text = request.GET.get("year") or ""
    try:
        year = int(year_text) if year_text else None
    except ValueError:
        raise Http404(_("The year must be a number.")) from None
    return tier, (request.GET.get("region") or "").strip(), year


@login_required
@require_GET
def tracker(request: HttpRequest) -> HttpResponse:
    """The 2027 tracker for the official's jurisdiction (D18)."""
    if not tracking.may_track(request.user):
        raise PermissionDenied(_("The tracker is for officials with a jurisdiction."))
    tier, region_code, year = _tracker_params(request)
    board = tracking.build(request.user, tier=tier, region_code=region_code)
    if year not in board.years:
        # The latest year with any level known: early in a year nobody has been evaluated for it yet.
        known = [y for y in board.years if board.totals[y].total > board.totals[y].no_level]
        year = known[-1] if known else board.years[-1]
    laggards = tracking.not_there_yet(request.user, tier=tier, year=year, focus=board.focus)
    return render(
        request,
        "digital/tracker.html",
        {
            "board": board,
            "year": year,
            "tier": tier,
            "tiers": list(tracking.TRACKED_TIERS.items()),
            "page": page_of(laggards, request, size=NOT_THERE_SHOWN),
            "laggard_count": board.totals[year].total - board.totals[year].at_goal,
            "goal_level": tracking.GOAL_LEVEL,
            "goal_year": tracking.GOAL_YEAR,
            "dimension_labels": services.dimension_labels(),
            "map_data": tracking.map_rows(board, year),
            "chart": tracking.chart_data(board),
            "own_regions": tracking.focus_regions(request.user),
        },
    )


@login_required
@require_GET
def tracker_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The tracker's enterprises of a year, with their level and its source, as CSV or XLSX."""
    if not tracking.may_track(request.user):
        raise PermissionDenied(_("The tracker is for officials with a jurisdiction."))
    kind = export_format(fmt)
    tier, region_code, year = _tracker_params(request)
    focus = tracking.resolve_focus(request.user, region_code)
    years = tracking.tracker_years()
    year = year if year in years else years[-1]
    return exports.tracker_response(kind, tier=tier, year=year, focus=focus)


@login_required
@require_http_methods(["GET", "POST"])
def import_results(request: HttpRequest) -> HttpResponse:
    """Import questionnaire results from a file: all rows or none, with a report row by row."""
    if not tracking.may_track(request.user):
        raise PermissionDenied(_("Importing results is for officials with a jurisdiction."))
    form = ImportForm(_posted(request), request.FILES if request.method == "POST" else None)
    report = None
    if request.method == "POST" and form.is_valid():
        report = importing.import_results(form.cleaned_data["file"], by=request.user)
        if report.ok:
            messages.success(request, _("%(n)s results imported.") % {"n": report.imported})
    return render(
        request,
        "digital/import.html",
        {"form": form, "report": report, "columns": importing.column_names()},
    )
