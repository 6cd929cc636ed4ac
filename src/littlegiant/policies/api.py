"""HTTP API for support policies: the catalogue (scoped; officials issue and change their jurisdiction's),
an enterprise's matches, and a policy's qualifying enterprises (免申即享 runs)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db.models import F
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from littlegiant.enterprises.models import Enterprise
from littlegiant.pagination import BoundedCursorPagination, check_id
from littlegiant.permissions import ensure
from littlegiant.policies import services
from littlegiant.policies.matching import match_enterprise
from littlegiant.policies.models import Policy, PolicyMatch, PolicyRun
from littlegiant.policies.permissions import can_author

router = Router()


class ConditionIO(Schema):
    label: str = ""
    expression: str = Field(description="A rule expression over canonical fields and title inputs")


class PolicyIn(Schema):
    title: str
    issuer: str
    level: str = Field(description="national | provincial | municipal | county")
    region: str | None = Field(None, description="GB/T 2260 code; empty for a national policy")
    document_number: str = ""
    valid_from: date
    valid_until: date | None = None
    benefit_kind: str = Field(description="fixed_amount | computed_amount | described")
    benefit_amount: Decimal | None = None
    benefit_expression: str = ""
    benefit_text: str = ""
    conditions: list[ConditionIO] = []
    demo: bool = False


class PolicyPatch(Schema):
    title: str | None = None
    issuer: str | None = None
    level: str | None = None
    region: str | None = None
    document_number: str | None = None
    valid_from: date | None = None
    valid_until: date | None = None
    benefit_kind: str | None = None
    benefit_amount: Decimal | None = None
    benefit_expression: str | None = None
    benefit_text: str | None = None
    conditions: list[ConditionIO] | None = None
    demo: bool | None = None


class PolicyOut(Schema):
    id: int
    title: str
    issuer: str
    level: str
    region: str | None
    document_number: str
    valid_from: date
    valid_until: date | None
    benefit_kind: str
    benefit_amount: Decimal | None
    benefit_expression: str
    benefit_text: str
    conditions: list[ConditionIO]
    demo: bool
    status: str

    @staticmethod
    def resolve_region(obj: object) -> str | None:
        return obj["region"] if isinstance(obj, dict) else obj.region_id  # type: ignore[attr-defined]


class RunIn(Schema):
    year: int | None = None


class RunOut(Schema):
    id: int
    policy: int
    region: str | None
    year: int
    evaluation_date: date
    status: str
    total: int
    processed: int
    qualifying: int
    error: str
    created_at: datetime
    finished_at: datetime | None


class QualifyingOut(Schema):
    enterprise: int
    credit_code: str
    name: str
    region: str


class NoticeOut(Schema):
    notified: int


class WithdrawIn(Schema):
    comment: str = ""


def _policy_out(policy: Policy) -> dict[str, Any]:
    return {
        "id": policy.pk,
        "region": policy.region_id,
        **{name: getattr(policy, name) for name in services.POLICY_FIELDS},
        "conditions": policy.conditions,
        "status": policy.status,
    }


def _run_out(run: PolicyRun) -> dict[str, Any]:
    return {
        "id": run.pk,
        "policy": run.policy_id,
        "region": run.region_id,
        **{
            name: getattr(run, name)
            for name in (
                "year",
                "evaluation_date",
                "status",
                "total",
                "processed",
                "qualifying",
                "error",
                "created_at",
                "finished_at",
            )
        },  # fmt: skip
    }


def _policy(request: HttpRequest, pk: int) -> Policy:
    check_id(pk, field="pk")
    return get_object_or_404(Policy.objects.for_user(request.user), pk=pk)


def _run(request: HttpRequest, run_id: int) -> PolicyRun:
    check_id(run_id, field="run_id")
    return get_object_or_404(PolicyRun.objects.for_user(request.user), pk=run_id)


@router.get("/", response=list[PolicyOut], summary="Support policies you may read")
@paginate(BoundedCursorPagination, ordering=("pk",))
def policy_list(request: HttpRequest):
    return Policy.objects.for_user(request.user)


@router.post("/", response={201: PolicyOut}, summary="Issue a policy in your jurisdiction")
def policy_create(request: HttpRequest, payload: PolicyIn):
    """Conditions are checked when saved; an error names the field (`conditions.2.expression`)."""
    ensure(can_author(request.user))
    policy = services.create_policy(payload.model_dump(), by=request.user)
    return Status(201, _policy_out(policy))


@router.get("/{pk}", response=PolicyOut, summary="One support policy")
def policy_detail(request: HttpRequest, pk: int):
    return _policy_out(_policy(request, pk))


@router.put("/{pk}", response=PolicyOut, summary="Change a policy of your jurisdiction")
def policy_update(request: HttpRequest, pk: int, payload: PolicyPatch):
    policy = _policy(request, pk)
    data = payload.model_dump(exclude_unset=True)
    return _policy_out(services.update_policy(policy, data, by=request.user))


@router.post("/{pk}/withdraw", response=PolicyOut, summary="Withdraw a policy of your jurisdiction")
def policy_withdraw(request: HttpRequest, pk: int, payload: WithdrawIn | None = None):
    policy = _policy(request, pk)
    return _policy_out(
        services.withdraw_policy(policy, by=request.user, comment=payload.comment if payload else "")
    )


@router.get("/enterprises/{enterprise_id}/matches", summary="The policies for an enterprise")
def policy_matches(request: HttpRequest, enterprise_id: int) -> dict[str, Any]:
    """qualifies, within_reach (with the engine's gaps), undecided (with the fields missing), not_qualified."""
    check_id(enterprise_id, field="enterprise_id")
    enterprise = get_object_or_404(
        Enterprise.objects.for_user(request.user).select_related("region"), pk=enterprise_id
    )
    return match_enterprise(enterprise, timezone.localdate()).as_dict()


@router.post("/{pk}/runs", response={202: RunOut}, summary="List the qualifying enterprises (免申即享)")
def policy_run_start(request: HttpRequest, pk: int, payload: RunIn | None = None):
    policy = _policy(request, pk)
    run = services.start_run(policy, by=request.user, year=payload.year if payload else None)
    return Status(202, _run_out(run))


@router.get("/runs/{run_id}", response=RunOut, summary="A 免申即享 run and its progress")
def policy_run(request: HttpRequest, run_id: int):
    return _run_out(_run(request, run_id))


@router.get(
    "/runs/{run_id}/enterprises", response=list[QualifyingOut], summary="A run's qualifying enterprises"
)
@paginate(BoundedCursorPagination, ordering=("pk",))
def policy_run_enterprises(request: HttpRequest, run_id: int):
    run = _run(request, run_id)
    return (
        PolicyMatch.objects.filter(run=run)
        .annotate(
            credit_code=F("enterprise__credit_code"),
            name=F("enterprise__name"),
            region=F("enterprise__region_id"),
        )
        .values("pk", "enterprise", "credit_code", "name", "region")
    )


@router.post("/runs/{run_id}/notify", response=NoticeOut, summary="Notify a run's enterprises (once each)")
def policy_run_notify(request: HttpRequest, run_id: int):
    run = _run(request, run_id)
    return {"notified": services.notify_qualifying(run, by=request.user)}
