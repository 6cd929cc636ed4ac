"""Pages: the policy catalogue (officials manage their jurisdiction's), a policy's 免申即享 runs with their
qualifying enterprises, and an enterprise's matches."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from littlegiant.accounts.jurisdiction import is_official
from littlegiant.bilingual import choose
from littlegiant.downloads import FORMATS, export_format, spreadsheet_response
from littlegiant.enterprises.models import Enterprise
from littlegiant.pagination import page_of
from littlegiant.permissions import ensure
from littlegiant.policies import services
from littlegiant.policies.conditions import TITLE_INPUTS
from littlegiant.policies.forms import PolicyForm, RunForm
from littlegiant.policies.matching import match_enterprise
from littlegiant.policies.models import Policy, PolicyMatch, PolicyRun, PolicyStatus
from littlegiant.policies.permissions import can_author


@login_required
@require_GET
def catalogue(request: HttpRequest) -> HttpResponse:
    """The policies the user may read; an official may issue one for their jurisdiction."""
    policies = Policy.objects.for_user(request.user).select_related("region")
    status = request.GET.get("status", "")
    if status in PolicyStatus.values:
        policies = policies.filter(status=status)
    page = page_of(policies, request)
    managed = set(
        Policy.objects.managed_by(request.user)
        .filter(pk__in=[p.pk for p in page.rows])
        .values_list("pk", flat=True)
    )
    return render(
        request,
        "policies/catalogue.html",
        {"page": page, "managed": managed, "official": is_official(request.user), "status": status},
    )


@login_required
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    """Issue a policy (officials, for their jurisdiction)."""
    ensure(can_author(request.user))
    form = PolicyForm(request.POST or None, initial={"valid_from": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            policy = services.create_policy(form.service_data(), by=request.user)
        except ValidationError as error:
            form.add_service_errors(error.message_dict)
        else:
            messages.success(request, _("The policy was issued."))
            return redirect("policies:detail", policy.pk)
    return render(request, "policies/form.html", {"form": form, "policy": None, "title_inputs": _inputs()})


@login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A policy: what it gives, who is eligible, its runs (officials) and its trail."""
    policy = get_object_or_404(Policy.objects.for_user(request.user).select_related("region"), pk=pk)
    manages = Policy.objects.managed_by(request.user).filter(pk=pk).exists()
    runs = list(
        PolicyRun.objects.for_user(request.user)
        .filter(policy=policy)
        .select_related("region", "requested_by")[:10]
    )
    events = list(policy.events.select_related("actor")[:20]) if manages else []
    return render(
        request,
        "policies/detail.html",
        {
            "policy": policy,
            "manages": manages,
            "runs": runs,
            "events": events,
            "official": is_official(request.user),
            "run_form": RunForm(),
        },  # fmt: skip
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a policy of the official's jurisdiction."""
    policy = get_object_or_404(Policy.objects.managed_by(request.user), pk=pk)
    form = PolicyForm(request.POST or None, initial=PolicyForm.initial_of(policy))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_policy(policy, form.service_data(), by=request.user)
        except ValidationError as error:
            form.add_service_errors(error.message_dict)
        else:
            messages.success(request, _("The policy was saved."))
            return redirect("policies:detail", policy.pk)
    return render(request, "policies/form.html", {"form": form, "policy": policy, "title_inputs": _inputs()})


def _inputs() -> list[tuple[str, str]]:
    return [(name, choose(item.label_zh, item.label_en)) for name, item in TITLE_INPUTS.items()]


@login_required
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    policy = get_object_or_404(Policy.objects.managed_by(request.user), pk=pk)
    try:
        services.withdraw_policy(policy, by=request.user, comment=request.POST.get("comment", "")[:500])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The policy was withdrawn."))
    return redirect("policies:detail", policy.pk)


@login_required
@require_POST
def run_start(request: HttpRequest, pk: int) -> HttpResponse:
    """List the qualifying enterprises of the official's jurisdiction (in the background)."""
    policy = get_object_or_404(Policy.objects.for_user(request.user), pk=pk)
    form = RunForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The reference year must be between 1949 and 2100."))
        return redirect("policies:detail", policy.pk)
    try:
        run = services.start_run(policy, by=request.user, year=form.cleaned_data["year"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("policies:detail", policy.pk)
    messages.success(request, _("The list is being made in the background."))
    return redirect("policies:run", run.pk)


def _run(request: HttpRequest, pk: int) -> PolicyRun:
    return get_object_or_404(
        PolicyRun.objects.for_user(request.user).select_related("policy", "region", "requested_by"), pk=pk
    )


@login_required
@require_GET
def run(request: HttpRequest, pk: int) -> HttpResponse:
    """A run's progress (polled by htmx) and, once done, its qualifying enterprises a page at a time."""
    found = _run(request, pk)
    matches = PolicyMatch.objects.filter(run=found).select_related(
        "enterprise__region", "enterprise__industry"
    )
    page = page_of(matches, request) if found.is_done else None
    told = set(
        found.policy.notices.filter(enterprise_id__in=[m.enterprise_id for m in page.rows]).values_list(
            "enterprise_id", flat=True
        )
    ) if page else set()  # fmt: skip
    template = "policies/run.html#status" if request.htmx and not found.is_finished else "policies/run.html"
    return render(request, template, {"run": found, "page": page, "told": told, "formats": FORMATS})


@login_required
@require_GET
def run_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The qualifying enterprises as CSV or XLSX."""
    found = _run(request, pk)
    kind = export_format(fmt)
    rows = (
        PolicyMatch.objects.filter(run=found)
        .order_by("enterprise__credit_code")
        .values_list(
            "enterprise__credit_code",
            "enterprise__name",
            "enterprise__region__name",
            "enterprise__industry_id",
        )  # fmt: skip
        .iterator(chunk_size=2000)
    )
    header = [_("Credit code"), _("Enterprise"), _("Region"), _("Industry class")]
    return spreadsheet_response(
        kind,
        name=f"policy-{found.policy_id}-run-{found.pk}",
        header=header,
        rows=(list(row) for row in rows),
    )


@login_required
@require_POST
def run_notify(request: HttpRequest, pk: int) -> HttpResponse:
    """Tell the qualifying enterprises, once (a second click tells nobody twice)."""
    found = _run(request, pk)
    try:
        count = services.notify_qualifying(found, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(count)s enterprises were notified.") % {"count": count})
    return redirect("policies:run", found.pk)


@login_required
@require_GET
def enterprise(request: HttpRequest, pk: int) -> HttpResponse:
    """Every policy for an enterprise: qualifies now, within reach (the change), undecided (the fields)."""
    firm = get_object_or_404(Enterprise.objects.for_user(request.user).select_related("region"), pk=pk)
    matches = match_enterprise(firm, timezone.localdate())
    return render(request, "policies/enterprise.html", {"enterprise": firm, "matches": matches})
