"""HTTP API for the cluster registry: the clusters the user may see, and one cluster with its outputs, members'
valid titles and its result against the 2022 standard; the county authority adds and removes members, enters the
yearly output and files the development report; the province forwards it or sends it back. Same scope and the
same services as the pages (`for_user()`)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from littlegiant.clusters import services
from littlegiant.clusters.models import Cluster, DevelopmentReport
from littlegiant.clusters.records import assess_cluster, titled_members
from littlegiant.enterprises.filing_values import FilingValueError
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


def _cluster(request: HttpRequest, pk: int) -> Cluster:
    return get_object_or_404(Cluster.objects.for_user(request.user).select_related("county"), pk=pk)


class MemberIn(Schema):
    credit_code: str | None = Field(
        None, description="Unified social credit code of an enterprise in the register"
    )
    enterprise_id: int | None = Field(
        None, description="Or the register id of the enterprise (from a search)"
    )


class MemberOut(Schema):
    enterprise_id: int
    name: str
    credit_code: str


@router.post("/{pk}/members", response={201: MemberOut}, summary="Add a member enterprise from the register")
def add_member(request: HttpRequest, pk: int, payload: MemberIn) -> Status[MemberOut]:
    enterprise = services.add_member(
        _cluster(request, pk),
        by=request.user,
        credit_code=payload.credit_code,
        enterprise_id=payload.enterprise_id,
    )
    return Status(
        201, MemberOut(enterprise_id=enterprise.pk, name=enterprise.name, credit_code=enterprise.credit_code)
    )


@router.delete("/{pk}/members/{enterprise_id}", response={204: None}, summary="Remove a member enterprise")
def remove_member(request: HttpRequest, pk: int, enterprise_id: int) -> Status[None]:
    cluster = _cluster(request, pk)
    enterprise = get_object_or_404(cluster.members, pk=enterprise_id)
    services.remove_member(cluster, enterprise, by=request.user)
    return Status(204, None)


class OutputIn(Schema):
    year: int
    total: str | None = Field(None, description="Total output in yuan, a plain number; empty: unknown")
    sme: str | None = Field(None, description="SMEs' output in yuan")
    main_industry: str | None = Field(None, description="The main industry's output in yuan")


@router.put("/{pk}/outputs", response=list[OutputOut], summary="Enter several years' output, all or nothing")
def put_outputs(request: HttpRequest, pk: int, payload: list[OutputIn]):
    cluster = _cluster(request, pk)
    problems: dict[str, str] = {}
    figures = []
    for row in payload:
        parsed = {}
        for name in services.OUTPUT_FIELDS:
            try:
                parsed[name] = services.parse_output_figure(name, getattr(row, name))
            except FilingValueError as problem:
                problems[f"{row.year}-{name}"] = str(problem)
        figures.append(services.YearOutput(row.year, **parsed))
    if problems:
        raise ValidationError(problems)
    return services.record_outputs(cluster, figures, by=request.user)


class ReportIn(Schema):
    year: int
    text: str


class ReturnIn(Schema):
    reason: str


class ReportOut(Schema):
    id: int
    cluster_id: int
    year: int
    status: str = Field(description="filed, forwarded or returned")
    text: str
    return_reason: str
    late: bool


@router.post("/{pk}/reports", response={201: ReportOut}, summary="File the yearly development report")
def file_report(request: HttpRequest, pk: int, payload: ReportIn) -> Status[ReportOut]:
    report = services.file_report(
        _cluster(request, pk), by=request.user, year=payload.year, text=payload.text
    )
    return Status(201, report)


def _report(request: HttpRequest, report_pk: int) -> DevelopmentReport:
    return get_object_or_404(DevelopmentReport.objects.for_user(request.user), pk=report_pk)


@router.get("/reports/", response=list[ReportOut], summary="Development reports the user may see")
@paginate(BoundedCursorPagination, ordering=("pk",))
def list_reports(request: HttpRequest):
    return DevelopmentReport.objects.for_user(request.user).order_by("pk")


@router.post(
    "/reports/{report_pk}/forwarding", response=ReportOut, summary="Forward a report to the ministry"
)
def forward_report(request: HttpRequest, report_pk: int):
    return services.forward_report(_report(request, report_pk), by=request.user)


@router.post("/reports/{report_pk}/return", response=ReportOut, summary="Send a report back to the county")
def return_report(request: HttpRequest, report_pk: int, payload: ReturnIn):
    return services.return_report(_report(request, report_pk), by=request.user, reason=payload.reason)
