"""Recognition API: the same services and permissions as the web pages, in the OpenAPI schema.

Errors take the one body and status per kind of `littlegiant.api_errors` (handled once in `web/api.py`): a
refusal answers 403 with the reason, a decision on a page that has moved on 409, bad input 422.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from littlegiant.enterprises.models import Enterprise
from littlegiant.pagination import BoundedCursorPagination
from littlegiant.recognition import forms, services
from littlegiant.recognition.models import (
    Application,
    ExpertReview,
    Objection,
    Programme,
    PublicNotice,
    Recognition,
    ReviewStage,
    SpotCheck,
)
from littlegiant.recognition.queue import queue_queryset

router = Router()


class ProgrammeOut(Schema):
    id: int
    title: str
    tier: str
    year: int
    kind: str
    pack_id: str
    applications_open_on: dt.date
    applications_close_on: dt.date


class ApplicationOut(Schema):
    id: int
    programme_id: int
    enterprise_id: int
    enterprise_name: str = Field(..., alias="enterprise.name")
    status: str
    stage: str | None = Field(None, alias="current_stage.level")
    version: int
    outcome: str
    score: int | None
    submitted_at: dt.datetime | None


class ApplicationDetailOut(ApplicationOut):
    return_note: str
    rejection_reason: str
    explanation: dict | None = None
    version_count: int = 0


class StartIn(Schema):
    programme_id: int
    enterprise_id: int


class SubmitIn(Schema):
    pledge: bool
    version: int


class DecisionIn(Schema):
    decision: str = Field(..., pattern="^(pass|return|reject)$")
    comment: str = ""
    reason: str = ""
    override_reason: str = ""
    version: int


class ConfirmationIn(Schema):
    criterion: str
    field: str
    value: str | None
    reason: str
    version: int


class ScoresIn(Schema):
    scores: dict[str, int]
    comment: str = ""


class SpotCheckDrawIn(Schema):
    sample_size: int
    seed: int | None = None


class SpotCheckIn(Schema):
    result: str
    findings: str
    visited_on: dt.date | None = None


class ResolutionIn(Schema):
    resolution: str
    upheld: bool


class RecogniseIn(Schema):
    title: str = ""


class RevokeIn(Schema):
    cause: str
    comment: str


class Done(Schema):
    id: int
    status: str


class NoticeOut(Schema):
    id: int
    title: str
    starts_on: dt.date
    ends_on: dt.date
    enterprises: list[str]


class CertificateOut(Schema):
    code: str
    enterprise: str
    credit_code: str
    tier: str
    valid_from: dt.date
    valid_until: dt.date
    state: str


def _application(request: HttpRequest, pk: int) -> Application:
    return get_object_or_404(
        Application.objects.for_user(request.user).select_related(
            "enterprise__region", "current_stage", "programme"
        ),
        pk=pk,
    )


def _done(application: Application) -> Done:
    return Done(id=application.pk, status=application.status)


@router.get("/programmes", response=list[ProgrammeOut], summary="Programmes open for applications today")
@paginate(BoundedCursorPagination, ordering=("pk",))
def list_programmes(request: HttpRequest) -> QuerySet[Programme]:
    return Programme.objects.open_on(timezone.localdate())


@router.get("/queue", response=list[ApplicationOut], summary="The reviewer's queue, oldest application first")
@paginate(BoundedCursorPagination, ordering=("pk",))
def queue(request: HttpRequest, q: str = "", tier: str = "", status: str = "") -> QuerySet[Application]:
    """Filtered by text, tier and status as the queue page is (`ninja`'s paginator wraps the function, so
    its parameters are plain ones: a `Query[...]` schema would not resolve from the wrapper)."""
    return queue_queryset(request.user, forms.QueueFilterForm({"q": q, "tier": tier, "status": status}))


@router.get("/applications/{pk}", response=ApplicationDetailOut)
def application_detail(request: HttpRequest, pk: int) -> Application:
    application = _application(request, pk)
    latest = application.latest_version()
    application.explanation = latest.explanation if latest else None
    application.version_count = latest.number if latest else 0
    return application


@router.post("/applications", response={201: Done}, summary="Start a draft application")
def start(request: HttpRequest, payload: StartIn) -> Status[Done]:
    programme = get_object_or_404(Programme, pk=payload.programme_id)
    enterprise = get_object_or_404(Enterprise.objects.for_user(request.user), pk=payload.enterprise_id)
    application = services.start_application(programme, enterprise, by=request.user)
    return Status(201, _done(application))


@router.post("/applications/{pk}/submission", response=Done, summary="Sign the pledge and submit")
def submit(request: HttpRequest, pk: int, payload: SubmitIn) -> Done:
    application = _application(request, pk)
    return _done(
        services.submit(application, by=request.user, pledge=payload.pledge, expected_version=payload.version)
    )


@router.post(
    "/applications/{pk}/decision", response=Done, summary="Pass, return or reject at the current stage"
)
def decide(request: HttpRequest, pk: int, payload: DecisionIn) -> Done:
    application, user = _application(request, pk), request.user
    if payload.decision == "pass":
        result = services.pass_stage(
            application,
            by=user,
            comment=payload.comment,
            override_reason=payload.override_reason,
            expected_version=payload.version,
        )
    elif payload.decision == "return":
        result = services.return_for_correction(
            application, by=user, note=payload.comment, expected_version=payload.version
        )
    else:
        result = services.reject(
            application,
            by=user,
            reason=payload.reason,
            comment=payload.comment,
            expected_version=payload.version,
        )
    return _done(result)


@router.post(
    "/applications/{pk}/confirmations", response=Done, summary="Confirm or correct a declared criterion"
)
def confirm(request: HttpRequest, pk: int, payload: ConfirmationIn) -> Done:
    application = _application(request, pk)
    (
        services.confirm_criterion(
            application,
            by=request.user,
            criterion=payload.criterion,
            field=payload.field,
            value=payload.value,
            reason=payload.reason,
            expected_version=payload.version,
        )
    )
    return _done(application)


@router.post("/applications/{pk}/expert-draw", response=Done, summary="Draw experts at random (双随机)")
def draw_experts(request: HttpRequest, pk: int) -> Done:
    application = _application(request, pk)
    draw = services.draw_experts(application, by=request.user)
    return Done(id=draw.pk, status="drawn")


@router.post("/expert-reviews/{pk}", response=Done, summary="A drawn expert submits scores")
def score(request: HttpRequest, pk: int, payload: ScoresIn) -> Done:
    review = get_object_or_404(ExpertReview, pk=pk, expert__user=request.user)
    (services.submit_expert_review(review, by=request.user, scores=payload.scores, comment=payload.comment))
    return Done(id=review.pk, status="submitted")


@router.post("/stages/{pk}/spot-check-draws", response=Done, summary="Draw applications for on-site checks")
def draw_spot_checks(request: HttpRequest, pk: int, payload: SpotCheckDrawIn) -> Done:
    stage = get_object_or_404(ReviewStage, pk=pk)
    draw = services.draw_spot_checks(
        stage, by=request.user, sample_size=payload.sample_size, seed=payload.seed
    )
    return Done(id=draw.pk, status="drawn")


@router.post("/spot-checks/{pk}", response=Done, summary="Record an on-site check's findings")
def record_spot_check(request: HttpRequest, pk: int, payload: SpotCheckIn) -> Done:
    check = get_object_or_404(
        SpotCheck.objects.filter(application__in=Application.objects.for_user(request.user)), pk=pk
    )
    (
        services.record_spot_check(
            check,
            by=request.user,
            result=payload.result,
            findings=payload.findings,
            visited_on=payload.visited_on,
        )
    )
    return Done(id=check.pk, status=payload.result)


@router.post("/stages/{pk}/notices", response={201: Done}, summary="Publish a public notice (公示)")
def publish_notice(request: HttpRequest, pk: int) -> Status[Done]:
    stage = get_object_or_404(ReviewStage, pk=pk)
    notice = services.publish_notice(stage, by=request.user)
    return Status(201, Done(id=notice.pk, status="running"))


@router.post("/objections/{pk}/resolution", response=Done, summary="Resolve an objection")
def resolve_objection(request: HttpRequest, pk: int, payload: ResolutionIn) -> Done:
    objection = get_object_or_404(Objection, pk=pk)
    (
        services.resolve_objection(
            objection, by=request.user, resolution=payload.resolution, upheld=payload.upheld
        )
    )
    return Done(id=objection.pk, status="upheld" if payload.upheld else "dismissed")


@router.post("/notices/{pk}/conclusion", response=Done, summary="Conclude a notice that has run")
def conclude_notice(request: HttpRequest, pk: int) -> Done:
    notice = get_object_or_404(PublicNotice, pk=pk)
    (services.conclude_notice(notice, by=request.user))
    return Done(id=notice.pk, status="concluded")


@router.post("/programmes/{pk}/recognition", response={201: Done}, summary="Batch decision: recognise")
def recognise(request: HttpRequest, pk: int, payload: RecogniseIn) -> Status[Done]:
    programme = get_object_or_404(Programme, pk=pk)
    batch = services.recognise(programme, by=request.user, title=payload.title)
    return Status(201, Done(id=batch.pk, status="recognised"))


@router.post("/recognitions/{pk}/revocation", response=Done, summary="Revoke a title (§5.3 causes)")
def revoke(request: HttpRequest, pk: int, payload: RevokeIn) -> Done:
    recognition = get_object_or_404(Recognition.objects.for_user(request.user), pk=pk)
    (services.revoke(recognition, by=request.user, cause=payload.cause, comment=payload.comment))
    return Done(id=recognition.pk, status="revoked")


def _notices_out(running: list[PublicNotice]) -> list[dict]:
    return [
        {
            "id": n.pk,
            "title": n.title,
            "starts_on": n.starts_on,
            "ends_on": n.ends_on,
            "enterprises": [e.application.enterprise.name for e in n.entries.all()],
        }
        for n in running
    ]


@router.get(
    "/notices", response=list[NoticeOut], auth=None, summary="Public notices running today (no sign-in)"
)
@paginate(BoundedCursorPagination, ordering=("-pk",), present=_notices_out)
def notices(request: HttpRequest) -> QuerySet[PublicNotice]:
    today = timezone.localdate()
    return PublicNotice.objects.filter(
        starts_on__lte=today, ends_on__gte=today, concluded_at__isnull=True
    ).prefetch_related("entries__application__enterprise")


@router.get(
    "/certificates/{code}", response=CertificateOut, auth=None, summary="Verify a certificate (no sign-in)"
)
def certificate(request: HttpRequest, code: str) -> dict:
    recognition = get_object_or_404(
        Recognition.objects.select_related("enterprise"), certificate_code=code.strip().upper()
    )
    return {
        "code": recognition.certificate_code,
        "enterprise": recognition.enterprise_name,
        "credit_code": recognition.credit_code,
        "tier": recognition.tier,
        "valid_from": recognition.valid_from,
        "valid_until": recognition.valid_until,
        "state": recognition.state(),
    }
