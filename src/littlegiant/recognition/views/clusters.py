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

from littlegiant.clusters.models import Cluster
from littlegiant.recognition.models import Programme, Tier
from littlegiant.recognition.services.clusters import (
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
