"""Web pages of the policy what-if: scenarios of the jurisdiction, a new one, its runs and their movers."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from littlegiant.accounts.jurisdiction import within_region
from littlegiant.bilingual import choose
from littlegiant.downloads import FORMATS, export_format, spreadsheet_response
from littlegiant.engine_labels import outcome_label
from littlegiant.pagination import page_of
from littlegiant.permissions import ensure
from littlegiant.reference.models import IndustrySection, Region
from littlegiant.rules import PackNotFound, registry
from littlegiant.rules.variants import pack_numbers
from littlegiant.scenarios import services
from littlegiant.scenarios.forms import EditScenarioForm, PackChoiceForm, ScenarioForm
from littlegiant.scenarios.models import Direction, RunStatus, Scenario, ScenarioRun

MOVERS_PAGE = 50


def _official(request: HttpRequest) -> None:
    if not services.can_model(request.user):
        raise PermissionDenied(_("Only reviewers and administrators can model policy changes."))


def _saved(form: ScenarioForm | EditScenarioForm, save: Callable[[], Scenario]) -> Scenario | None:
    """The scenario `save` wrote; None when the service refused, its errors put on the form (an error about
    `changes.<number>` beside that number)."""
    try:
        return save()
    except ValidationError as error:
        for field, problems in error.message_dict.items():
            key = field.removeprefix("changes.")
            form.add_error(key if key in form.fields else None, problems)
        return None


@login_required
@require_GET
def scenario_list(request: HttpRequest) -> HttpResponse:
    """The jurisdiction's saved scenarios, a pack to copy, and the built-in 2022/2026 comparison."""
    _official(request)
    scenarios = page_of(
        Scenario.objects.for_user(request.user).select_related("region", "created_by"), request, size=20
    )
    return render(
        request,
        "scenarios/list.html",
        {"page": scenarios, "pack_form": PackChoiceForm(), "year": timezone.localdate().year - 1},
    )


@login_required
@require_http_methods(["GET", "POST"])
def scenario_new(request: HttpRequest) -> HttpResponse:
    """A copy of a pack: every number with its clause and label, to change, name and save."""
    _official(request)
    pack_id = request.GET.get("pack") or request.POST.get("pack") or ""
    try:
        pack = registry.get(pack_id)
    except PackNotFound:
        raise Http404(_("No such rule pack.")) from None
    numbers = pack_numbers(pack)
    form = ScenarioForm(request.POST or None, user=request.user, numbers=numbers)
    if request.method == "POST" and form.is_valid():
        scenario = _saved(
            form,
            lambda: services.create_scenario(
                request.user,
                name=form.cleaned_data["name"],
                base_pack_id=pack.id,
                year=form.cleaned_data["year"],
                changes=form.changes(),
                region=form.cleaned_data["region"],
            ),
        )
        if scenario is not None:
            messages.success(request, _("Scenario saved. Run it to see who gains and who loses."))
            return redirect("scenarios:detail", scenario.pk)
    return render(request, "scenarios/new.html", {"form": form, "pack": pack})


@login_required
@require_POST
def comparison_new(request: HttpRequest) -> HttpResponse:
    """The built-in comparison (2022 against 2026 SRDI criteria) over the jurisdiction, started at once."""
    _official(request)
    try:
        year = int(request.POST.get("year") or timezone.localdate().year - 1)
        scenario = services.create_builtin_comparison(request.user, year=year)
    except (ValueError, ValidationError) as error:
        messages.error(request, "; ".join(getattr(error, "messages", [str(error)])))
        return redirect("scenarios:list")
    services.start_run(scenario, by=request.user)
    return redirect("scenarios:detail", scenario.pk)


def _scenario(request: HttpRequest, pk: int) -> Scenario:
    return get_object_or_404(
        Scenario.objects.for_user(request.user).select_related("region", "created_by"), pk=pk
    )


@login_required
@require_GET
def scenario_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A scenario: what it changes, and its runs (the running one polled by htmx)."""
    scenario = _scenario(request, pk)
    base = registry.get(scenario.base_pack_id)
    by_key = {n.key: n for n in pack_numbers(base)}
    changes = [
        {
            "label": choose(by_key[key].label_zh, by_key[key].label_en) if key in by_key else key,
            "clause": by_key[key].clause if key in by_key else "",
            "before": by_key[key].value if key in by_key else None,
            "after": value,
        }
        for key, value in scenario.changes.items()
    ]
    runs = list(scenario.runs.all()[:10])
    may_change = bool(services.change_decision(request.user, scenario))
    return render(
        request,
        "scenarios/detail.html",
        {"scenario": scenario, "changes": changes, "runs": runs, "base": base, "may_change": may_change},
    )


@login_required
@require_http_methods(["GET", "POST"])
def scenario_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Rename a scenario or change its numbers (new numbers delete its earlier results: run it again)."""
    scenario = _scenario(request, pk)
    ensure(services.change_decision(request.user, scenario))
    base = registry.get(scenario.base_pack_id)
    numbers = [] if scenario.compare_pack_id else pack_numbers(base)
    form = EditScenarioForm(
        request.POST or None,
        user=request.user,
        numbers=numbers,
        changes=scenario.changes,
        initial={"name": scenario.name},
    )
    if request.method == "POST" and form.is_valid():
        saved = _saved(
            form,
            lambda: services.edit_scenario(
                scenario,
                by=request.user,
                name=form.cleaned_data["name"],
                changes=None if scenario.compare_pack_id else form.changes(),
            ),
        )
        if saved is not None:
            messages.success(request, _("Scenario saved."))
            return redirect("scenarios:detail", scenario.pk)
    return render(request, "scenarios/edit.html", {"form": form, "scenario": scenario, "pack": base})


@login_required
@require_http_methods(["GET", "POST"])
def scenario_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask, then delete a scenario with its runs and movers."""
    scenario = _scenario(request, pk)
    ensure(services.change_decision(request.user, scenario))
    if request.method == "POST":
        try:
            services.delete_scenario(scenario, by=request.user)
        except ValidationError as error:
            messages.error(request, "; ".join(error.messages))
            return redirect("scenarios:detail", scenario.pk)
        messages.success(request, _("Scenario deleted."))
        return redirect("scenarios:list")
    return render(request, "scenarios/delete.html", {"scenario": scenario, "runs": scenario.runs.count()})


@login_required
@require_POST
def run_start(request: HttpRequest, pk: int) -> HttpResponse:
    """Run the scenario over its region's registry in the background."""
    scenario = _scenario(request, pk)
    services.start_run(scenario, by=request.user)
    messages.success(request, _("The what-if runs in the background; this page follows it."))
    return redirect("scenarios:detail", scenario.pk)


def _run(request: HttpRequest, pk: int) -> ScenarioRun:
    return get_object_or_404(
        ScenarioRun.objects.for_user(request.user).select_related("scenario__region"), pk=pk
    )


@login_required
@require_GET
def run_status(request: HttpRequest, pk: int) -> HttpResponse:
    """One run's progress, polled by htmx while it runs."""
    return render(request, "scenarios/detail.html#run", {"run": _run(request, pk)})


def _region_param(request: HttpRequest, run: ScenarioRun) -> Region | None:
    code = request.GET.get("region") or ""
    if not code:
        return None
    region = Region.objects.filter(pk=code[:6]).first()
    within = run.scenario.region
    if region is None or (within is not None and not within.contains(region)):
        raise Http404(_("No such region in this scenario."))
    return region


@login_required
@require_GET
def run_result(request: HttpRequest, pk: int) -> HttpResponse:
    """Who gains and who loses: by region (drilling down), industry section and size class; the movers."""
    run = _run(request, pk)
    if run.status != RunStatus.DONE:
        return redirect("scenarios:detail", run.scenario_id)
    region = _region_param(request, run)
    movers = services.movers_for(request.user, run)
    regions = services.by_region(movers, run, region)
    sections = services.by_group(movers, "section")
    section_names = {s.letter: s.name for s in IndustrySection.objects.all()}
    for row in sections:
        row["name"] = section_names.get(row["section"], _("Unknown industry"))
    sizes = services.by_group(movers, "size_class")
    for row in sizes:
        row["name"] = outcome_label(row["size_class"]) if row["size_class"] else _("Unknown size")
    direction = request.GET.get("direction") or ""
    listed = movers.select_related("enterprise", "region", "section").order_by("enterprise__name", "pk")
    if direction in Direction.values:
        listed = listed.filter(direction=direction)
    if region is not None:
        listed = listed.filter(within_region(region, region_field="region"))
    page = page_of(listed, request, size=MOVERS_PAGE)
    labels = services.criterion_labels(run)
    for mover in page.rows:
        mover.criteria = [labels.get(c, c) for c in mover.moved_by]
    column, _within = services.drill_level(run, region)
    chart = {
        # At national level the regions are provinces: drawn on the province map as well (net change).
        "national": column == "province_code",
        "provinces": [
            {
                "code": r["code"],
                "label": r["name"],
                "value": r["gains"] - r["losses"],
                "gains": r["gains"],
                "losses": r["losses"],
            }
            for r in regions
        ],
        "categories": [row["name"] for row in regions],
        "gains": [row["gains"] for row in regions],
        "losses": [row["losses"] for row in regions],
        "gain_label": _("Gain"),
        "loss_label": _("Lose"),
    }
    return render(
        request,
        "scenarios/result.html",
        {
            "run": run,
            "scenario": run.scenario,
            "region": region,
            "trail": region.ancestors() if region else [],
            "regions": regions,
            "sections": sections,
            "sizes": sizes,
            "page": page,
            "direction": direction,
            "directions": Direction.choices,
            "chart": chart,
            "formats": FORMATS,
        },
    )


@login_required
@require_GET
def movers_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The movers of a run as CSV or XLSX, with the criteria that moved each one."""
    run = _run(request, pk)
    kind = export_format(fmt)
    labels = services.criterion_labels(run)
    movers = (
        services.movers_for(request.user, run)
        .select_related("enterprise", "region", "section")
        .order_by("enterprise__credit_code")
    )
    header = [
        _("Unified social credit code"), _("Enterprise"), _("Region"), _("Industry section"),
        _("Size class"), _("Change"), _("Outcome before"), _("Outcome after"), _("Criteria that moved it"),
    ]  # fmt: skip
    rows = (
        [
            m.enterprise.credit_code,
            m.enterprise.name,
            m.region.name,
            m.section.name if m.section else "",
            outcome_label(m.size_class) if m.size_class else "",
            m.get_direction_display(),
            outcome_label(m.base_outcome),
            outcome_label(m.variant_outcome),
            "；".join(labels.get(c, c) for c in m.moved_by),
        ]
        for m in movers.iterator(chunk_size=2000)
    )
    return spreadsheet_response(kind, name=f"whatif-{run.pk}-movers", header=header, rows=rows)
