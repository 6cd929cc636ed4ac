"""Public pages of the cluster programme: the recognised distinctive industrial clusters of SMEs, as a map by
province (ECharts) and a table below it (criteria.md §8)."""

from __future__ import annotations

from collections import Counter
from functools import cache

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from littlegiant.accounts.jurisdiction import is_administrator, region_scope
from littlegiant.accounts.models import ReviewLevel
from littlegiant.clusters.models import Cluster
from littlegiant.downloads import export_format, spreadsheet_response
from littlegiant.recognition.models import Programme, Tier
from littlegiant.recognition.services.clusters import (
    OverdueReport,
    overdue_reports,
    recognised_clusters,
    start_cluster_application,
    submit_cluster_application,
)
from littlegiant.reference.loading import DATA_DIR
from littlegiant.reference.models import Region


@require_GET
def public_clusters(request: HttpRequest) -> HttpResponse:
    """Every cluster title valid today, with its county and main industry; a count per province for the map.
    Three queries whatever the number of clusters."""
    titles = list(recognised_clusters(timezone.localdate()).order_by("cluster__county_id", "cluster__name"))
    per_province = Counter(title.cluster.county.province_code for title in titles)
    names = dict(Region.objects.filter(pk__in=list(per_province)).values_list("code", "name"))
    map_data = [
        {"code": code, "name": names.get(code, code), "value": n} for code, n in sorted(per_province.items())
    ]
    return render(
        request,
        "recognition/clusters_public.html",
        {"titles": titles, "map_data": map_data, "provinces": map_data},
    )


@cache
def _province_geojson() -> bytes:
    return (DATA_DIR / "china_provinces.geojson").read_bytes()


@require_GET
def province_geojson(request: HttpRequest) -> HttpResponse:
    """The province boundaries for the public cluster map (ECharts' map data; not an approved map)."""
    response = HttpResponse(_province_geojson(), content_type="application/geo+json")
    response["Cache-Control"] = "public, max-age=86400"
    return response


@login_required
def cluster_apply(request: HttpRequest) -> HttpResponse:
    """The county SME authority applies for one of its clusters to an open cluster programme and submits it
    with the pledge (evidence is then added on the application's page, as for an enterprise)."""
    counties = request.user.county_authorities.values("county_id")
    clusters = list(Cluster.objects.filter(county__in=counties).order_by("name"))
    programmes = list(Programme.objects.open_on(timezone.localdate()).filter(tier=Tier.SME_CLUSTER))
    if request.method == "POST":
        cluster = next((c for c in clusters if str(c.pk) == request.POST.get("cluster")), None)
        programme = next((p for p in programmes if str(p.pk) == request.POST.get("programme")), None)
        if cluster is None or programme is None:
            raise ValidationError(
                {"cluster": _("Choose one of your clusters and an open cluster programme.")}
            )
        application = start_cluster_application(programme, cluster, by=request.user)
        application = submit_cluster_application(
            application, by=request.user, pledge=request.POST.get("pledge") == "on"
        )
        return redirect("recognition:application", pk=application.pk)
    if not clusters:
        raise PermissionDenied(_("Only a county SME authority applies for a cluster."))
    return render(request, "recognition/cluster_apply.html", {"clusters": clusters, "programmes": programmes})


def _overdue(request: HttpRequest) -> list[OverdueReport]:
    """The overdue reports of the clusters in the person's jurisdiction: the province sees its own, the ministry
    every province's. Three queries whatever the number of clusters."""
    user = request.user
    if (
        not is_administrator(user)
        and not user.reviewer_assignments.filter(
            level__in=[ReviewLevel.PROVINCIAL, ReviewLevel.NATIONAL]
        ).exists()
    ):
        raise PermissionDenied(_("The overdue list is for the provincial authorities and the ministry."))
    titles = recognised_clusters(timezone.localdate()).filter(
        region_scope(user, region_field="cluster__county")
    )
    return overdue_reports(within=titles.order_by("cluster__name", "pk"))


@login_required
@require_GET
def overdue_list(request: HttpRequest) -> HttpResponse:
    """Recognised clusters whose development report on a year has not reached the ministry after 30 April
    (criteria.md §8.4): the days overdue, whether the county has filed it, and the reminders sent."""
    return render(request, "recognition/clusters_overdue.html", {"rows": _overdue(request)})


@login_required
@require_GET
def overdue_export(request: HttpRequest, fmt: str) -> HttpResponse:
    kind = export_format(fmt)
    rows = _overdue(request)
    header = [
        _("Cluster"), _("County"), _("Year reported on"), _("Due on"), _("Days overdue"), _("Report"),
        _("Reminders sent"),
    ]  # fmt: skip
    lines = (
        [
            row.cluster.name,
            row.cluster.county.name,
            row.year,
            row.due_on.isoformat(),
            row.days_overdue,
            row.status_label,
            row.reminders,
        ]  # fmt: skip
        for row in rows
    )
    return spreadsheet_response(kind, name="clusters-overdue", header=header, rows=lines)
