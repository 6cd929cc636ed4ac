"""Pages of the cluster registry: the clusters a person runs or reviews, a cluster's page (members by title,
output trend, the 2022 standard's result and gaps), the yearly report form and the export."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from littlegiant.bilingual import choose
from littlegiant.clusters import services
from littlegiant.clusters.models import Cluster
from littlegiant.clusters.permissions import manage_cluster
from littlegiant.clusters.records import assess_cluster, titled_members
from littlegiant.downloads import spreadsheet_response
from littlegiant.pagination import page_of

TIER_LABELS = {
    "little_giant": ("专精特新“小巨人”企业", "SRDI little giant"),
    "srdi_sme": ("专精特新中小企业", "SRDI SME"),
    "innovative_sme": ("创新型中小企业", "Innovative SME"),
}


def _clusters(request: HttpRequest):
    return (
        Cluster.objects.for_user(request.user)
        .select_related("county", "main_industry")
        .order_by("name", "pk")
    )


@login_required
@require_GET
def cluster_list(request: HttpRequest) -> HttpResponse:
    """The clusters of the person's county (an authority) or jurisdiction (a reviewer). Two queries a page."""
    return render(request, "clusters/list.html", {"page": page_of(_clusters(request), request)})


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
        members.append({"enterprise": enterprise, "titles": labels})
    members.sort(key=lambda m: (not m["titles"], m["enterprise"].name))
    return render(
        request,
        "clusters/detail.html",
        {
            "cluster": cluster,
            "members": members,
            "outputs": list(cluster.outputs.order_by("year")),
            "reports": list(cluster.reports.order_by("-year")),
            "explanation": assess_cluster(cluster, today),
            "may_manage": bool(manage_cluster(request.user, cluster)),
            "report_year": today.year - 1,
        },
    )


@login_required
@require_POST
def file_report(request: HttpRequest, pk: int) -> HttpResponse:
    cluster = get_object_or_404(_clusters(request), pk=pk)
    try:
        year = int(request.POST.get("year", ""))
    except ValueError:
        raise ValidationError({"year": _("Give the year the report covers.")}) from None
    services.file_report(cluster, by=request.user, year=year, text=request.POST.get("text", ""))
    return redirect("clusters:detail", pk=cluster.pk)


@login_required
@require_GET
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in ("csv", "xlsx"):
        raise Http404
    clusters = _clusters(request)
    header = [_("Cluster"), _("County"), _("Main industry"), _("Area (km²)")]
    rows = ([c.name, c.county.name, c.main_industry.name, c.area_km2] for c in clusters.iterator())
    return spreadsheet_response(fmt, name="clusters", header=header, rows=rows)
