"""Public pages of the cluster programme: the recognised distinctive industrial clusters of SMEs, as a map by
province (ECharts) and a table below it (criteria.md §8)."""

from __future__ import annotations

from collections import Counter
from functools import cache

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from littlegiant.recognition.services.clusters import recognised_clusters
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
