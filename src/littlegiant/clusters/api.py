"""HTTP API for the cluster registry: the clusters the user may see, and one cluster with its outputs, members'
valid titles and its result against the 2022 standard. Same scope as the pages (`for_user()`)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from littlegiant.clusters.models import Cluster
from littlegiant.clusters.records import assess_cluster, titled_members
from littlegiant.pagination import BoundedCursorPagination

router = Router()


class ClusterOut(Schema):
    id: int
    name: str
    county_id: str = Field(description="County-level region code (GB/T 2260)")
    main_industry_id: str = Field(description="Main industry class (GB/T 4754-2017)")
    area_km2: Decimal | None


class OutputOut(Schema):
    year: int
    total: Decimal
    sme: Decimal | None
    main_industry: Decimal | None


class ClusterDetailOut(ClusterOut):
    output_years: list[OutputOut]
    member_titles: list[dict[str, Any]] = Field(description="Members with the titles valid today")
    assessment: dict[str, Any] = Field(description="The explanation of pack cn.miit.sme-cluster.2022")


@router.get("/", response=list[ClusterOut], summary="Clusters the user may see")
@paginate(BoundedCursorPagination, ordering=("pk",))
def list_clusters(request: HttpRequest):
    return Cluster.objects.for_user(request.user).order_by("pk")


@router.get(
    "/{pk}", response=ClusterDetailOut, summary="One cluster and its result (pack cn.miit.sme-cluster.2022)"
)
def cluster_detail(request: HttpRequest, pk: int):
    cluster = get_object_or_404(Cluster.objects.for_user(request.user), pk=pk)
    today = timezone.localdate()
    held = titled_members(cluster, today).by_enterprise
    cluster.output_years = list(cluster.outputs.order_by("year"))
    cluster.member_titles = [
        {"enterprise_id": member, "name": name, "titles": sorted(held.get(member, ()))}
        for member, name in cluster.members.order_by("name").values_list("pk", "name")
    ]
    cluster.assessment = assess_cluster(cluster, today)
    return cluster
