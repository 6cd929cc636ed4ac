"""Web pages: an enterprise's self-assessment, and batch screening for officials."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from littlegiant.assessment import calculator, services
from littlegiant.assessment.forms import RdBreakdownForm, ScreeningForm, WhatIfForm
from littlegiant.assessment.models import ScreeningRun
from littlegiant.enterprises.models import AnnualFiling, Enterprise
from littlegiant.enterprises.permissions import enterprise_decision
from littlegiant.rules import registry


def _year_param(raw: str | None) -> int | None:
    if not raw:
        return None
    try:
        return int(raw)
    except ValueError:
        raise Http404(_("The year must be a number.")) from None


@login_required
@require_GET
def self_assessment(request: HttpRequest, pk: int) -> HttpResponse:
    """Every applicable pack for the enterprise's latest (or chosen) filing, with gaps to the next tier."""
    enterprise = get_object_or_404(
        Enterprise.objects.for_user(request.user).select_related("region", "industry"), pk=pk
    )
    years = list(
        AnnualFiling.objects.filter(enterprise=enterprise).order_by("-year").values_list("year", flat=True)
    )
    year = _year_param(request.GET.get("year"))
    if year is not None and year not in years:
        raise Http404(_("This enterprise has no data for that year."))
    pack_id = request.GET.get("pack") or ""
    pack_ids = registry.ids()
    if pack_id and pack_id not in pack_ids:
        raise Http404(_("No such rule pack."))
    today = timezone.localdate()
    filing = services.latest_filing(enterprise, year)
    context: dict[str, object] = {
        "enterprise": enterprise,
        "years": years,
        "filing": filing,
        "pack_id": pack_id,
        "packs": [registry.get(p) for p in pack_ids],
        "today": today,
        "edit_year": filing.year if filing else today.year - 1,
    }
    if filing is not None:
        applicable = services.applicable_pack_ids(today)
        wanted = applicable + ([pack_id] if pack_id and pack_id not in applicable else [])
        explanations = services.assess_filing(filing, wanted, today)
        shown = [pack_id] if pack_id else applicable
        documents = [explanations[p] for p in shown if p in explanations]
        context.update(
            ladder=services.tier_ladder(explanations, today, filing.year),
            applicable=applicable,
            documents=documents,
        )
    template = "assessment/self.html#body" if request.htmx else "assessment/self.html"
    return render(request, template, context)


@login_required
@require_GET
def explanation_download(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    """The explanation documents (JSON) of a filing: every applicable pack, or the one named by ?pack=."""
    enterprise = get_object_or_404(Enterprise.objects.for_user(request.user), pk=pk)
    filing = services.latest_filing(enterprise, year)
    if filing is None:
        raise Http404(_("This enterprise has no data for that year."))
    pack_id = request.GET.get("pack") or ""
    if pack_id and pack_id not in registry.ids():
        raise Http404(_("No such rule pack."))
    today = timezone.localdate()
    explanations = services.assess_filing(filing, [pack_id] if pack_id else None, today)
    body = explanations[pack_id] if pack_id else explanations
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False, indent=2, default=str),
        content_type="application/json; charset=utf-8",
    )
    name = f"{enterprise.credit_code}-{year}-{pack_id or 'assessment'}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def screening(request: HttpRequest) -> HttpResponse:
    """The official's screenings: start one, watch it, download its results."""
    if not services.can_screen(request.user):
        raise PermissionDenied(_("Only reviewers and administrators can screen enterprises."))
    form = ScreeningForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.start_screening(
                request.user,
                form.cleaned_data["packs"],
                form.cleaned_data["year"],
                form.cleaned_data["region"],
            )
        except ValueError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Screening queued: it runs in the background."))
            return redirect("assessment:screening")
    runs = list(ScreeningRun.objects.for_user(request.user).select_related("region", "requested_by")[:21])
    return render(
        request,
        "assessment/screening.html",
        {"form": form, "runs": runs[:20], "more": len(runs) > 20},
    )


@login_required
@require_GET
def screening_run(request: HttpRequest, pk: int) -> HttpResponse:
    """One run's row, polled by htmx while it runs."""
    run = get_object_or_404(
        ScreeningRun.objects.for_user(request.user).select_related("region", "requested_by"), pk=pk
    )
    return render(request, "assessment/screening.html#run", {"run": run})


@login_required
@require_GET
def screening_download(request: HttpRequest, pk: int, fmt: str) -> FileResponse:
    """A finished run's results, only to those who may see the run."""
    run = get_object_or_404(ScreeningRun.objects.for_user(request.user), pk=pk)
    try:
        path = services.screening_result_file(run, fmt)
    except ValueError as error:
        raise Http404(str(error)) from None
    if not path.exists():
        raise Http404(_("The result file is no longer on the server."))
    name = f"screening-{run.pk}-{run.year}.{fmt}"
    return FileResponse(path.open("rb"), as_attachment=True, filename=name)


@login_required
@require_http_methods(["GET", "POST"])
def rd_calculator(request: HttpRequest, pk: int) -> HttpResponse:
    """The enterprise's R&D super-deduction calculator: its filing's R&D breakdown edited in place, the result
    step by step with citations, and next year's what-if (R&D +X yuan) beside it."""
    enterprise = get_object_or_404(
        Enterprise.objects.for_user(request.user).select_related("region", "industry"), pk=pk
    )
    years = list(
        AnnualFiling.objects.filter(enterprise=enterprise).order_by("-year").values_list("year", flat=True)
    )
    year = _year_param(request.GET.get("year") or request.POST.get("year"))
    if year is not None and year not in years:
        raise Http404(_("This enterprise has no data for that year."))
    filing = services.latest_filing(enterprise, year)
    may_change = enterprise_decision(request.user, "change", enterprise).allowed
    what_if = WhatIfForm(request.GET or None)
    extra = what_if.cleaned_data.get("extra") if what_if.is_bound and what_if.is_valid() else None
    parameters = what_if.overrides()
    form = None
    saved = False
    if filing is not None:
        initial = {name: getattr(filing, name) for name in calculator.BREAKDOWN_FIELDS}
        form = RdBreakdownForm(initial=initial)
        if request.method == "POST":
            if not may_change:
                raise PermissionDenied(enterprise_decision(request.user, "change", enterprise).reason)
            form = RdBreakdownForm(request.POST)
            if form.is_valid():
                try:
                    filing = calculator.save_breakdown(
                        enterprise, filing.year, form.breakdown(), by=request.user
                    )
                    saved = True
                except ValidationError as error:
                    for name, problems in error.message_dict.items():
                        form.add_error(name if name in form.fields else None, problems)
    context: dict[str, object] = {
        "enterprise": enterprise,
        "years": years,
        "filing": filing,
        "form": form,
        "what_if": what_if,
        "may_change": may_change,
        "saved": saved,
        "calculation": (
            calculator.calculate(filing, extra=extra, parameters=parameters) if filing is not None else None
        ),
    }
    template = "assessment/rd_calculator.html#body" if request.htmx else "assessment/rd_calculator.html"
    failed = (form is not None and form.errors) or (what_if.is_bound and what_if.errors)
    return render(request, template, context, status=422 if failed else 200)
