"""Pages of the cluster registry: the clusters a person runs or reviews, a cluster's page (members by title,
output trend, the 2022 standard's result and gaps, its development reports), the members and outputs the county
authority enters, the reports the province forwards or sends back, and the export."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from littlegiant.accounts.jurisdiction import is_administrator
from littlegiant.api_errors import NON_FIELD, field_errors
from littlegiant.bilingual import choose
from littlegiant.clusters import services
from littlegiant.clusters.models import Cluster, ClusterMember, DevelopmentReport, ReportStatus
from littlegiant.clusters.permissions import forward_reports, manage_cluster
from littlegiant.clusters.records import assess_cluster, titled_members
from littlegiant.downloads import export_format, spreadsheet_response
from littlegiant.enterprises.filing_values import FilingValueError
from littlegiant.enterprises.models import Enterprise
from littlegiant.pagination import page_of

TIER_LABELS = {
    "little_giant": ("专精特新“小巨人”企业", "SRDI little giant"),
    "srdi_sme": ("专精特新中小企业", "SRDI SME"),
    "innovative_sme": ("创新型中小企业", "Innovative SME"),
}
HNTE_LABEL = ("高新技术企业（最近一年度报送数据）", "HNTE (latest filing)")
OUTPUT_YEARS = 3  # aspect 1 reads the last three years' output (criteria.md §8.3)
SEARCH_ROWS = 20


def _clusters(request: HttpRequest):
    return (
        Cluster.objects.for_user(request.user)
        .select_related("county", "main_industry")
        .order_by("name", "pk")
    )


def _errors(error: ValidationError) -> dict[str, str]:
    """A ValidationError's messages by field name (`form` for the form as a whole)."""
    found: dict[str, str] = {}
    for field, message in field_errors(error):
        field = "form" if field == NON_FIELD else field  # a template cannot read a name starting with "_"
        found[field] = f"{found[field]} {message}" if field in found else message
    return found


@login_required
@require_GET
def cluster_list(request: HttpRequest) -> HttpResponse:
    """The clusters of the person's county (an authority) or jurisdiction (a reviewer). Two queries a page."""
    user = request.user
    # The overdue list (recognition's page) is for the provinces and the ministry.
    sees_overdue = (
        is_administrator(user)
        or user.reviewer_assignments.filter(level__in=["provincial", "national"]).exists()
    )
    return render(
        request,
        "clusters/list.html",
        {"page": page_of(_clusters(request), request), "sees_overdue": sees_overdue},
    )


def _chart(outputs: list) -> dict[str, list]:
    """The output trend for the chart: years, total in 亿元, and the two shares in per cent (None: unknown)."""

    def percent(share: Decimal | None) -> float | None:
        return None if share is None else round(float(share) * 100, 2)

    return {
        "years": [o.year for o in outputs],
        "total": [round(float(o.total) / 1e8, 2) for o in outputs],
        "sme_share": [percent(o.sme_share) for o in outputs],
        "main_share": [percent(o.main_share) for o in outputs],
    }


@login_required
@require_GET
def cluster_detail(request: HttpRequest, pk: int) -> HttpResponse:
    cluster = get_object_or_404(_clusters(request), pk=pk)
    today = timezone.localdate()
    titled = titled_members(cluster, today)
    members = []
    for enterprise in cluster.members.select_related("industry").order_by("name"):
        tiers = titled.by_enterprise.get(enterprise.pk, frozenset())
        labels = [choose(*TIER_LABELS[t]) for t in TIER_LABELS if t in tiers]
        if enterprise.pk in titled.hnte:
            labels.append(choose(*HNTE_LABEL))
        members.append({"enterprise": enterprise, "titles": labels})
    members.sort(key=lambda m: (not m["titles"], m["enterprise"].name))
    outputs = list(cluster.outputs.order_by("year"))
    reports = list(
        DevelopmentReport.objects.for_user(request.user)
        .filter(cluster=cluster)
        .select_related("filed_by", "forwarded_by")
        .order_by("-year")
    )
    history = list(
        cluster.events.filter(action__in=REPORT_ACTIONS).select_related("actor").order_by("created_at", "pk")
    )
    for report in reports:
        report.history = [e for e in history if e.report_id == report.pk]
        report.may_decide = report.status == ReportStatus.FILED and bool(
            forward_reports(request.user, cluster)
        )
    return render(
        request,
        "clusters/detail.html",
        {
            "cluster": cluster,
            "members": members,
            "outputs": outputs,
            "chart": _chart(outputs),
            "reports": reports,
            "explanation": assess_cluster(cluster, today),
            "may_manage": bool(manage_cluster(request.user, cluster)),
            "report_year": today.year - 1,
        },
    )


REPORT_ACTIONS = ("file_report", "forward_report", "return_report")


@login_required
@require_http_methods(["GET", "POST"])
def members(request: HttpRequest, pk: int) -> HttpResponse:
    """The cluster's member enterprises; the county authority adds one by its credit code or from a search of the
    register in its county, and removes one. Errors name the field (unknown code, outside the county, already a
    member)."""
    cluster = get_object_or_404(_clusters(request), pk=pk)
    may_manage = bool(manage_cluster(request.user, cluster))
    errors: dict[str, str] = {}
    if request.method == "POST":
        if not may_manage:
            raise PermissionDenied(_("Only the county SME authority of this cluster's county manages it."))
        action = request.POST.get("action")
        try:
            if action == "remove":
                enterprise = get_object_or_404(cluster.members, pk=_int(request.POST.get("enterprise")))
                services.remove_member(cluster, enterprise, by=request.user)
                messages.success(request, _("%(name)s is no longer a member.") % {"name": enterprise.name})
            elif action == "add":
                enterprise_id = request.POST.get("enterprise")
                enterprise = services.add_member(
                    cluster,
                    by=request.user,
                    credit_code=request.POST.get("credit_code", ""),
                    enterprise_id=_int(enterprise_id) if enterprise_id else None,
                )
                messages.success(request, _("%(name)s is now a member.") % {"name": enterprise.name})
            else:
                raise ValidationError({"action": _("Choose to add or to remove a member.")})
            return redirect(f"{reverse('clusters:members', args=[cluster.pk])}?{request.GET.urlencode()}")
        except ValidationError as error:
            errors = _errors(error)
    query = request.GET.get("q", "").strip()[:100]
    found = []
    if may_manage and query:
        found = list(
            Enterprise.objects.filter(region=cluster.county_id)
            .filter(Q(name__icontains=query) | Q(credit_code=query.upper()))
            .exclude(pk__in=cluster.memberships.values("enterprise_id"))
            .order_by("name", "pk")[:SEARCH_ROWS]
        )
    rows = ClusterMember.objects.filter(cluster=cluster).select_related("enterprise__industry")
    page = page_of(rows.order_by("enterprise__name", "pk"), request)
    template = (
        "clusters/members.html#search" if request.htmx and "q" in request.GET else "clusters/members.html"
    )
    return render(
        request,
        template,
        {
            "cluster": cluster,
            "page": page,
            "may_manage": may_manage,
            "errors": errors,
            "query": query,
            "found": found,
            "credit_code": request.POST.get("credit_code", ""),
        },
        status=400 if errors else 200,
    )


def _int(value: str | None) -> int:
    try:
        return int(value or "")
    except ValueError:
        raise Http404 from None


@login_required
@require_http_methods(["GET", "POST"])
def outputs(request: HttpRequest, pk: int) -> HttpResponse:
    """The county authority enters the last three years' output (total, SMEs', main industry's, in yuan): all
    three years are written, or none when any figure is wrong."""
    cluster = get_object_or_404(_clusters(request), pk=pk)
    if not manage_cluster(request.user, cluster):
        raise PermissionDenied(_("Only the county SME authority of this cluster's county manages it."))
    last = timezone.localdate().year - 1
    years = list(range(last - OUTPUT_YEARS + 1, last + 1))
    recorded = {o.year: o for o in cluster.outputs.filter(year__in=years)}
    errors: dict[str, str] = {}
    values: dict[str, str] = {}
    for year in years:
        output = recorded.get(year)
        for name in services.OUTPUT_FIELDS:
            value = getattr(output, name) if output else None
            values[f"{year}-{name}"] = "" if value is None else f"{value:f}"
    if request.method == "POST":
        figures = []
        for year in years:
            parsed: dict[str, Decimal | None] = {}
            for name in services.OUTPUT_FIELDS:
                key = f"{year}-{name}"
                values[key] = request.POST.get(key, "").strip()
                try:
                    parsed[name] = services.parse_output_figure(name, values[key])
                except FilingValueError as problem:
                    errors[key] = str(problem)
            figures.append(services.YearOutput(year, **parsed))
        if not errors:
            try:
                services.record_outputs(cluster, figures, by=request.user)
            except ValidationError as error:
                errors = _errors(error)
            else:
                messages.success(
                    request,
                    _("The output of %(first)s-%(last)s is saved.") % {"first": years[0], "last": last},
                )
                return redirect("clusters:detail", pk=cluster.pk)
    rows = [
        {
            "year": year,
            "fields": [
                {
                    "key": f"{year}-{name}",
                    "name": name,
                    "value": values[f"{year}-{name}"],
                    "error": errors.get(f"{year}-{name}"),
                }
                for name in services.OUTPUT_FIELDS
            ],
        }
        for year in years
    ]
    return render(
        request,
        "clusters/outputs.html",
        {"cluster": cluster, "rows": rows, "errors": errors},
        status=400 if errors else 200,
    )


@login_required
@require_POST
def file_report(request: HttpRequest, pk: int) -> HttpResponse:
    cluster = get_object_or_404(_clusters(request), pk=pk)
    try:
        year = int(request.POST.get("year", ""))
        services.file_report(cluster, by=request.user, year=year, text=request.POST.get("text", ""))
    except ValueError:
        _error_messages(request, ValidationError({"year": _("Give the year the report covers.")}))
    except ValidationError as error:
        _error_messages(request, error)
    else:
        messages.success(request, _("The report is filed; the province forwards it to the ministry."))
    return redirect(f"{reverse('clusters:detail', args=[cluster.pk])}#reports")


FIELD_LABELS = {
    "year": gettext_lazy("Year the report covers"),
    "text": gettext_lazy("Report"),
    "reason": gettext_lazy("Why it is sent back"),
}


def _error_messages(request: HttpRequest, error: ValidationError) -> None:
    """Each field's problem as a message naming the field."""
    for field, message in field_errors(error):
        if field in FIELD_LABELS:
            message = _("%(field)s: %(problem)s") % {"field": FIELD_LABELS[field], "problem": message}
        messages.error(request, message)


def _report(request: HttpRequest, report_pk: int) -> DevelopmentReport:
    return get_object_or_404(
        DevelopmentReport.objects.for_user(request.user).select_related("cluster__county"), pk=report_pk
    )


@login_required
@require_POST
def forward_report(request: HttpRequest, report_pk: int) -> HttpResponse:
    """The province forwards a filed report to the ministry."""
    report = _report(request, report_pk)
    services.forward_report(report, by=request.user)
    messages.success(request, _("The report is forwarded to the ministry."))
    return redirect(f"{reverse('clusters:detail', args=[report.cluster_id])}#reports")


@login_required
@require_POST
def return_report(request: HttpRequest, report_pk: int) -> HttpResponse:
    """The province sends a filed report back to the county, saying why."""
    report = _report(request, report_pk)
    try:
        services.return_report(report, by=request.user, reason=request.POST.get("reason", ""))
    except ValidationError as error:
        _error_messages(request, error)
    else:
        messages.success(request, _("The report is sent back to the county."))
    return redirect(f"{reverse('clusters:detail', args=[report.cluster_id])}#reports")


@login_required
@require_GET
def reports(request: HttpRequest) -> HttpResponse:
    """The development reports a person may see: a county's own, those of a province's clusters (to forward or
    send back), and those forwarded to the ministry. Two queries a page."""
    rows = (
        DevelopmentReport.objects.for_user(request.user)
        .select_related("cluster__county")
        .order_by("-year", "cluster__name", "pk")
    )
    status = request.GET.get("status", "")
    if status in ReportStatus.values:
        rows = rows.filter(status=status)
    return render(
        request,
        "clusters/reports.html",
        {"page": page_of(rows, request), "statuses": ReportStatus.choices, "status": status},
    )


@login_required
@require_GET
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    kind = export_format(fmt)
    clusters = _clusters(request)
    header = [_("Cluster"), _("County"), _("Main industry"), _("Area (km²)")]
    rows = ([c.name, c.county.name, c.main_industry.name, c.area_km2] for c in clusters.iterator())
    return spreadsheet_response(kind, name="clusters", header=header, rows=rows)
