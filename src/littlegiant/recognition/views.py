"""Recognition pages: thin views that fetch through `for_user()`, call a service and render.

Public pages (notices, objections, recognised list, certificate verification) need no sign-in.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from collections.abc import Callable
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from littlegiant.accounts.addresses import client_address
from littlegiant.enterprises.models import Enterprise
from littlegiant.pagination import page_number
from littlegiant.recognition import forms, services
from littlegiant.recognition.certificates import certificate_pdf
from littlegiant.recognition.models import (
    AWAITING_REVIEW,
    Application,
    ApplicationStatus,
    ChangeReport,
    Event,
    Evidence,
    ExpertReview,
    NoticeEntry,
    Objection,
    Programme,
    PublicNotice,
    Recognition,
    RecognitionBatch,
    RejectionReason,
    ReviewStage,
    SpotCheck,
)
from littlegiant.recognition.permissions import (
    acting_assignment,
    apply_decision,
    member_decision,
    recognition_decision,
    review_decision,
)
from littlegiant.rules.schema import FIELDS_BY_NAME
from littlegiant.uploads import stored_path

PAGE_SIZE = 50
# What the queue page shows of each application: its columns are all it reads.
QUEUE_COLUMNS = [
    "status",
    "score",
    "outcome",
    "submitted_at",
    "programme__title",
    "enterprise__name",
    "enterprise__region__name",
    "current_stage__level",
]
AWAITING = AWAITING_REVIEW
# Each queue sort as (field, descending, may be null), ending on the primary key so that the order is total;
# a page link carries these values of a row, and the next page starts after it (no OFFSET).
# Nulls come first in a descending field and last in an ascending one, the same on every database.
QUEUE_ORDERINGS: dict[str, list[tuple[str, bool, bool]]] = {
    "submitted": [("submitted_at", False, False), ("pk", False, False)],
    "-submitted": [("submitted_at", True, False), ("pk", True, False)],
    "name": [("enterprise__name", False, False), ("pk", False, False)],
    "-score": [("score", True, True), ("submitted_at", False, False), ("pk", False, False)],
}


def _page(queryset: QuerySet, page: int, size: int = PAGE_SIZE) -> tuple[list, bool]:
    """One page and whether another follows, fetching size + 1 rows instead of counting the table."""
    start = (page - 1) * size
    rows = list(queryset[start : start + size + 1])
    return rows[:size], len(rows) > size


def _act(request: HttpRequest, call: Callable[[], object], done: str, form: object | None = None) -> bool:
    """Run a service call; show its refusal or its validation errors instead of failing."""
    try:
        call()
    except PermissionDenied as refusal:
        messages.error(request, str(refusal) or _("You may not do this."))
        return False
    except ValidationError as error:
        if form is not None and hasattr(error, "error_dict"):
            for field, problems in error.message_dict.items():
                target = field if field in getattr(form, "fields", {}) else None
                for problem in problems:
                    form.add_error(target, problem)  # type: ignore[attr-defined]
        for problem in error.messages:
            messages.error(request, problem)
        return False
    messages.success(request, done)
    return True


def _label(field: str) -> str:
    spec = FIELDS_BY_NAME.get(field)
    if spec is None:
        return field
    return spec.label_zh if (get_language() or "").startswith("zh") else spec.label_en


# ----------------------------------------------------------------------------------------------------
# Dashboard and queue


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """A dashboard per role: applications and open programmes, the reviewer's queue, the expert's work."""
    user = request.user
    today = timezone.localdate()
    enterprises = list(
        Enterprise.objects.filter(memberships__user=user, memberships__role__in=["owner", "delegate"])
    )
    member_ids = Enterprise.objects.filter(memberships__user=user).values("pk")
    applications = list(
        Application.objects.filter(enterprise__in=member_ids)
        .select_related("programme", "enterprise", "current_stage")
        .order_by("-created_at")[:50]
    )
    recognitions = list(
        Recognition.objects.filter(enterprise__in=member_ids)
        .select_related("enterprise", "batch")
        .order_by("-valid_from")[:50]
    )
    programmes = list(Programme.objects.open_on(today).order_by("tier", "kind")) if enterprises else []
    start_form = (
        forms.StartApplicationForm(programmes=programmes, enterprises=enterprises) if programmes else None
    )
    is_reviewer = user.reviewer_assignments.exists()
    levels = set(user.reviewer_assignments.values_list("level", flat=True))
    stages = (
        list(
            ReviewStage.objects.filter(level__in=levels)
            .filter(closes_on__gte=today.replace(year=today.year - 1))
            .select_related("programme")
            .order_by("-programme__year", "programme__tier", "order")
        )
        if is_reviewer
        else []
    )
    reviews = list(
        ExpertReview.objects.filter(expert__user=user)
        .select_related("draw__application__enterprise", "draw__application__programme")
        .order_by("submitted_at", "-pk")[:50]
    )
    return render(
        request,
        "recognition/home.html",
        {
            "applications": applications,
            "recognitions": recognitions,
            "programmes": programmes,
            "start_form": start_form,
            "is_reviewer": is_reviewer,
            "stages": stages,
            "reviews": reviews,
            "today": today,
        },
    )


def queue_sort(form: forms.QueueFilterForm) -> str:
    """The queue sort asked for, or the oldest submission first."""
    data = form.cleaned_data if form.is_valid() else {}
    return data.get("sort") or "submitted"


def _order_by(ordering: list[tuple[str, bool, bool]], *, backwards: bool = False) -> list[object]:
    expressions: list[object] = []
    for field, descending, _nullable in ordering:
        if descending != backwards:
            expressions.append(F(field).desc(nulls_first=True))
        else:
            expressions.append(F(field).asc(nulls_last=True))
    return expressions


def queue_queryset(user: object, form: forms.QueueFilterForm) -> QuerySet[Application]:
    """The reviewer's queue, filtered and sorted as asked; shared by the page, the API and the benchmark."""
    data = form.cleaned_data if form.is_valid() else {}
    queryset = Application.objects.for_user(user).at_stages_of(user).exclude(status=ApplicationStatus.DRAFT)
    queryset = (
        queryset.filter(status=data["status"]) if data.get("status") else queryset.filter(status__in=AWAITING)
    )
    if data.get("tier"):
        queryset = queryset.filter(programme__tier=data["tier"])
    if data.get("q"):
        queryset = queryset.filter(
            Q(enterprise__name__icontains=data["q"]) | Q(enterprise__credit_code=data["q"])
        )
    ordering = QUEUE_ORDERINGS[queue_sort(form)]
    return queryset.select_related("programme", "enterprise__region", "current_stage").order_by(
        *_order_by(ordering)
    )


def _row_value(row: Application, field: str) -> object:
    value: object = row
    for part in field.split("__"):
        value = getattr(value, part)
    return value


def queue_cursor(row: Application, ordering: list[tuple[str, bool, bool]]) -> str:
    """A page link's position: the row's sort values, as URL-safe text."""
    values = []
    for field, _descending, _nullable in ordering:
        value = _row_value(row, field)
        values.append(value.isoformat() if isinstance(value, dt.datetime) else value)
    return base64.urlsafe_b64encode(json.dumps(values, ensure_ascii=False).encode()).decode().rstrip("=")


def read_queue_cursor(text: str, ordering: list[tuple[str, bool, bool]]) -> list[object]:
    """The sort values a page link carries; ValueError when the link was cut or altered."""
    try:
        values = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
    except (ValueError, TypeError) as error:
        raise ValueError("unreadable cursor") from error
    if not isinstance(values, list) or len(values) != len(ordering):
        raise ValueError("cursor of another sort")
    read: list[object] = []
    for (field, _descending, nullable), value in zip(ordering, values, strict=True):
        expected = {"submitted_at": str, "enterprise__name": str, "pk": int, "score": int}[field]
        if value is None and nullable:
            read.append(None)
        elif type(value) is not expected:
            raise ValueError(f"bad value for {field}")
        elif field == "submitted_at":
            read.append(dt.datetime.fromisoformat(value))
        else:
            read.append(value)
    return read


def _beyond(ordering: list[tuple[str, bool, bool]], values: list[object], *, backwards: bool) -> Q:
    """Rows strictly after the cursor in the ordering (before it, going backwards)."""
    condition = Q(pk__in=[])
    same = Q()
    for (field, descending, nullable), value in zip(ordering, values, strict=True):
        descending = descending != backwards
        if value is None:
            # Nulls come first when descending: every non-null follows; last when ascending: nothing does.
            beyond = Q(**{f"{field}__isnull": False}) if descending else Q(pk__in=[])
            equal = Q(**{f"{field}__isnull": True})
        else:
            beyond = Q(**{f"{field}__{'lt' if descending else 'gt'}": value})
            if nullable and not descending:
                beyond |= Q(**{f"{field}__isnull": True})
            equal = Q(**{field: value})
        condition |= same & beyond
        same &= equal
    # A plain bound on the first sort field as well, so that the database seeks to the cursor in its index.
    field, descending, nullable = ordering[0]
    descending = descending != backwards
    if values[0] is not None and (descending or not nullable):
        condition &= Q(**{f"{field}__{'lte' if descending else 'gte'}": values[0]})
    return condition


def _queue_page(
    queryset: QuerySet[Application],
    ordering: list[tuple[str, bool, bool]],
    *,
    page: int,
    after: list[object] | None,
    before: list[object] | None,
    size: int = PAGE_SIZE,
) -> tuple[list[Application], bool]:
    """One page of the queue and whether another follows: after or before a cursor, else by page number."""
    if after is not None:
        rows = list(queryset.filter(_beyond(ordering, after, backwards=False))[: size + 1])
        return rows[:size], len(rows) > size
    if before is not None:
        backwards = queryset.filter(_beyond(ordering, before, backwards=True)).order_by(
            *_order_by(ordering, backwards=True)
        )
        rows = list(backwards[:size])
        rows.reverse()
        return rows, True
    return _page(queryset, page, size)


@login_required
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    """The reviewer's queue: applications at their stages and in their region, never counting the table."""
    form = forms.QueueFilterForm(request.GET)
    page = page_number(request.GET.get("page"))
    ordering = QUEUE_ORDERINGS[queue_sort(form)]
    after = before = None
    try:
        if request.GET.get("after"):
            after = read_queue_cursor(request.GET["after"], ordering)
        elif request.GET.get("before"):
            before = read_queue_cursor(request.GET["before"], ordering)
    except ValueError:
        messages.error(request, _("This page link is damaged; the queue starts again from the first page."))
        page = 1
    queryset = queue_queryset(request.user, form).only(*QUEUE_COLUMNS)
    rows, has_next = _queue_page(queryset, ordering, page=page, after=after, before=before)
    query = request.GET.copy()
    for key in ("page", "after", "before"):
        query.pop(key, None)
    return render(
        request,
        "recognition/queue.html",
        {
            "form": form,
            "rows": rows,
            "page": page,
            "has_next": has_next,
            "next_cursor": queue_cursor(rows[-1], ordering) if has_next and rows else "",
            "previous_cursor": queue_cursor(rows[0], ordering) if page > 2 and rows else "",
            "query": query.urlencode(),
        },
    )


# ----------------------------------------------------------------------------------------------------
# The application


@login_required
@require_POST
def application_start(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    enterprises = list(Enterprise.objects.filter(memberships__user=request.user))
    programmes = list(Programme.objects.open_on(today))
    form = forms.StartApplicationForm(request.POST, programmes=programmes, enterprises=enterprises)
    if not form.is_valid():
        messages.error(request, _("Choose an open programme and one of your enterprises."))
        return redirect("recognition:home")
    programme = get_object_or_404(Programme, pk=form.cleaned_data["programme"])
    enterprise = get_object_or_404(
        Enterprise.objects.for_user(request.user), pk=form.cleaned_data["enterprise"]
    )
    created: list[Application] = []
    if _act(
        request,
        lambda: created.append(services.start_application(programme, enterprise, by=request.user)),
        _("Draft application created."),
    ):
        return redirect("recognition:application", pk=created[0].pk)
    return redirect("recognition:home")


def _application(request: HttpRequest, pk: int) -> Application:
    return get_object_or_404(
        Application.objects.for_user(request.user).select_related(
            "programme",
            "enterprise__region",
            "enterprise__industry",
            "current_stage",
            "filing",
        ),
        pk=pk,
    )


@login_required
@require_GET
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One application: snapshot, explanation, evidence, versions with diffs, and the actions allowed."""
    application = _application(request, pk)
    return render(request, "recognition/application.html", _application_context(request, application))


def _application_context(request: HttpRequest, application: Application, **forms_given: object) -> dict:
    user = request.user
    versions = list(application.versions.select_related("submitted_by").order_by("number"))
    history = []
    for index, version in enumerate(versions):
        diff = version.diff(versions[index - 1]) if index else None
        if diff:
            for row in diff["fields"]:
                row["label"] = _label(str(row["field"]))
        history.append({"version": version, "diff": diff})
    latest = versions[-1] if versions else None
    explanation = None
    reviewed = False
    if application.reviewed_explanation and latest:
        explanation, reviewed = application.reviewed_explanation.get(latest.pack_id), True
    elif latest:
        explanation = latest.explanation
    may_apply = apply_decision(user, application)
    may_review = review_decision(user, application)
    evidence = list(application.evidence.select_related("uploaded_by"))
    stages = list(application.programme.stages.order_by("order"))
    stage = application.current_stage
    draws = list(
        application.expert_draws.select_related("stage").prefetch_related(
            Prefetch("reviews", queryset=ExpertReview.objects.select_related("expert"))
        )
    )
    aggregate = services.expert_aggregate(application, stage) if stage and stage.expert_review else None
    criteria: list[tuple[str, str]] = []
    if may_apply or evidence:
        from littlegiant.rules import registry

        zh = (get_language() or "").startswith("zh")
        criteria = [
            (item.id, item.label_zh if zh else item.label_en)
            for item in registry.get(application.programme.pack_id).criteria
        ]
    declared = []
    if may_review and latest:
        for item in latest.explanation.get("criteria", []):
            if item.get("declared"):
                for field in item.get("inputs") or {}:
                    declared.append(
                        {
                            "criterion": item,
                            "field": field,
                            "label": _label(field),
                            "declared": latest.values.get(field),
                        }
                    )
    preview = None
    if may_apply:
        filing = application.filing
        filing.enterprise = application.enterprise
        preview = services.assess(
            services.filing_values(filing), application.programme.pack_id, timezone.localdate()
        ).get(application.programme.pack_id)
    return {
        "preview": preview,
        "application": application,
        "versions": versions,
        "history": history,
        "latest": latest,
        "explanation": explanation,
        "reviewed": reviewed,
        "may_apply": may_apply,
        "may_review": may_review,
        "evidence": evidence,
        "stages": stages,
        "draws": draws,
        "aggregate": aggregate,
        "declared": declared,
        "evidence_form": forms_given.get("evidence_form") or forms.EvidenceForm(criteria=criteria),
        "submit_form": forms.SubmitForm(initial={"version": application.version}),
        "decision_form": forms_given.get("decision_form")
        or forms.DecisionForm(initial={"version": application.version}),
        "confirmations": list(application.confirmations.select_related("by", "stage")),
        "spot_checks": list(application.spot_checks.select_related("draw__stage", "recorded_by")),
        "notice_entries": list(
            application.notice_entries.select_related("notice").prefetch_related("objections")
        ),
        "events": list(application.events.select_related("actor").order_by("created_at", "pk")),
        "recognition": Recognition.objects.filter(application=application).first()
        if application.status == ApplicationStatus.RECOGNISED
        else None,
        "filing_rows": [
            {"field": name, "label": _label(name), "value": value}
            for name, value in (latest.values.items() if latest else [])
        ],
    }


@login_required
@require_POST
def evidence_add(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    from littlegiant.rules import registry

    criteria = [(item.id, item.id) for item in registry.get(application.programme.pack_id).criteria]
    form = forms.EvidenceForm(request.POST, request.FILES, criteria=criteria)
    if form.is_valid():
        data = form.cleaned_data
        if _act(
            request,
            lambda: services.add_evidence(
                application,
                data["file"],
                by=request.user,
                criterion=data["criterion"],
                description=data["description"],
            ),
            _("Document uploaded."),
            form,
        ):
            return redirect("recognition:application", pk=pk)
    else:
        for problems in form.errors.values():
            for problem in problems:
                messages.error(request, problem)
    context = _application_context(request, application, evidence_form=form)
    return render(request, "recognition/application.html", context, status=400)


@login_required
@require_POST
def evidence_remove(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = get_object_or_404(
        Evidence.objects.filter(application__in=Application.objects.for_user(request.user)), pk=pk
    )
    _act(request, lambda: services.remove_evidence(evidence, by=request.user), _("Document removed."))
    return redirect("recognition:application", pk=evidence.application_id)


@login_required
@require_GET
def evidence_file(request: HttpRequest, pk: int) -> FileResponse:
    """Serve an evidence file, only to those who may see its application."""
    evidence = get_object_or_404(
        Evidence.objects.filter(application__in=Application.objects.for_user(request.user)), pk=pk
    )
    try:
        path = stored_path(evidence.stored_path)
    except ValueError:
        raise Http404 from None
    if not path.exists():
        raise Http404(_("The file is missing from storage."))
    response = FileResponse(
        path.open("rb"),
        content_type=evidence.content_type,
        as_attachment=True,
        filename=evidence.original_name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def application_submit(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    form = forms.SubmitForm(request.POST)
    form.is_valid()
    _act(
        request,
        lambda: services.submit(
            application,
            by=request.user,
            pledge=bool(form.cleaned_data.get("pledge")),
            expected_version=form.cleaned_data.get("version"),
        ),
        _("Application submitted."),
    )
    return redirect("recognition:application", pk=pk)


@login_required
@require_POST
def application_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """Pass, return or reject, through the same services as the API."""
    application = _application(request, pk)
    form = forms.DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a decision."))
        return redirect("recognition:application", pk=pk)
    data, user = form.cleaned_data, request.user
    version = data["version"]
    decision = data["decision"]
    call: Callable[[], object]
    if decision == "pass":
        call = partial(
            services.pass_stage, application, by=user, comment=data["comment"], expected_version=version
        )
        done = _("Application passed.")
    elif decision == "return":
        call = partial(
            services.return_for_correction,
            application,
            by=user,
            note=data["comment"],
            expected_version=version,
        )
        done = _("Application returned to the enterprise.")
    else:
        call = partial(
            services.reject,
            application,
            by=user,
            reason=data["reason"],
            comment=data["comment"],
            expected_version=version,
        )
        done = _("Application rejected.")
    _act(request, call, done)
    return redirect("recognition:application", pk=pk)


@login_required
@require_POST
def application_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    form = forms.ConfirmationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the reason for confirming or correcting this criterion."))
        return redirect("recognition:application", pk=pk)
    data = form.cleaned_data
    _act(
        request,
        lambda: services.confirm_criterion(
            application,
            by=request.user,
            criterion=data["criterion"],
            field=data["field"],
            value=data["value"],
            reason=data["reason"],
            expected_version=data["version"],
        ),
        _("Criterion recorded."),
    )
    return redirect("recognition:application", pk=pk)


@login_required
@require_POST
def application_draw_experts(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    _act(request, lambda: services.draw_experts(application, by=request.user), _("Experts drawn."))
    return redirect("recognition:application", pk=pk)


@login_required
def expert_review(request: HttpRequest, pk: int) -> HttpResponse:
    """A drawn expert scores the application on the review form."""
    review = get_object_or_404(
        ExpertReview.objects.select_related(
            "draw__application__programme", "draw__application__enterprise", "expert"
        ),
        pk=pk,
        expert__user=request.user,
    )
    application = review.draw.application
    items = application.programme.review_form
    form = forms.ExpertReviewForm(request.POST or None, items=items, language=get_language() or "zh-hans")
    if (
        request.method == "POST"
        and form.is_valid()
        and _act(
            request,
            lambda: services.submit_expert_review(
                review, by=request.user, scores=form.scores(), comment=form.cleaned_data["comment"]
            ),
            _("Review submitted."),
            form,
        )
    ):
        return redirect("recognition:home")
    latest = application.latest_version()
    return render(
        request,
        "recognition/expert_review.html",
        {
            "review": review,
            "application": application,
            "form": form,
            "latest": latest,
            "explanation": latest.explanation if latest else None,
        },
    )


# ----------------------------------------------------------------------------------------------------
# Stage work: spot checks and public notices


def _stage(request: HttpRequest, pk: int) -> ReviewStage:
    stage = get_object_or_404(ReviewStage.objects.select_related("programme"), pk=pk)
    if acting_assignment(request.user, stage.level, None) is None:
        raise PermissionDenied(
            _("Only %(level)s reviewers act at this stage.") % {"level": stage.get_level_display()}
        )
    return stage


@login_required
def stage_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A reviewer's view of one stage: what awaits, spot-check draws and findings, notices."""
    stage = _stage(request, pk)
    mine = Application.objects.for_user(request.user).at_stages_of(request.user).filter(current_stage=stage)
    counts = {row["status"]: row["n"] for row in mine.values("status").annotate(n=Count("pk"))}
    checks = list(
        SpotCheck.objects.filter(draw__stage=stage, application__in=mine.values("pk"))
        .select_related("application__enterprise", "draw", "recorded_by")
        .order_by("-draw__drawn_at", "pk")
    )
    notices = list(
        PublicNotice.objects.filter(stage=stage)
        .select_related("region")
        .annotate(
            entries_count=Count("entries", distinct=True),
            open_objections=Count(
                "entries__objections", filter=Q(entries__objections__resolved_at__isnull=True)
            ),
        )
        .order_by("-starts_on")
    )
    return render(
        request,
        "recognition/stage.html",
        {
            "stage": stage,
            "counts": counts,
            "checks": checks,
            "notices": notices,
            "statuses": ApplicationStatus,
            "draw_form": forms.SpotCheckDrawForm(),
            "record_form": forms.SpotCheckRecordForm(),
        },
    )


@login_required
@require_POST
def spot_check_draw(request: HttpRequest, pk: int) -> HttpResponse:
    stage = _stage(request, pk)
    form = forms.SpotCheckDrawForm(request.POST)
    if form.is_valid():
        _act(
            request,
            lambda: services.draw_spot_checks(
                stage,
                by=request.user,
                sample_size=form.cleaned_data["sample_size"],
                seed=form.cleaned_data["seed"],
            ),
            _("Spot checks drawn."),
        )
    else:
        messages.error(request, _("Say how many applications to draw."))
    return redirect("recognition:stage", pk=pk)


@login_required
@require_POST
def spot_check_record(request: HttpRequest, pk: int) -> HttpResponse:
    check = get_object_or_404(
        SpotCheck.objects.filter(application__in=Application.objects.for_user(request.user)).select_related(
            "draw"
        ),
        pk=pk,
    )
    form = forms.SpotCheckRecordForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        _act(
            request,
            lambda: services.record_spot_check(
                check,
                by=request.user,
                result=data["result"],
                findings=data["findings"],
                visited_on=data["visited_on"],
            ),
            _("Spot-check findings recorded."),
        )
    else:
        messages.error(request, _("Give the result and the findings."))
    return redirect("recognition:stage", pk=check.draw.stage_id)


@login_required
@require_POST
def notice_publish(request: HttpRequest, pk: int) -> HttpResponse:
    stage = _stage(request, pk)
    published: list[PublicNotice] = []
    if _act(
        request,
        lambda: published.append(services.publish_notice(stage, by=request.user)),
        _("Public notice published."),
    ):
        return redirect("recognition:notice_manage", pk=published[0].pk)
    return redirect("recognition:stage", pk=pk)


@login_required
def notice_manage(request: HttpRequest, pk: int) -> HttpResponse:
    """The reviewer's side of a notice: the objections, their resolution, and concluding the notice."""
    notice = get_object_or_404(PublicNotice.objects.select_related("stage", "programme", "region"), pk=pk)
    if acting_assignment(request.user, notice.stage.level, notice.region) is None:
        raise PermissionDenied(_("Only the reviewers who published this notice manage it."))
    entries = list(
        notice.entries.select_related("application__enterprise__region").prefetch_related(
            Prefetch("objections", queryset=Objection.objects.select_related("resolved_by"))
        )
    )
    return render(
        request,
        "recognition/notice_manage.html",
        {
            "notice": notice,
            "entries": entries,
            "resolution_form": forms.ObjectionResolutionForm(),
            "today": timezone.localdate(),
            "events": list(notice.events.select_related("actor")),
        },
    )


@login_required
@require_POST
def objection_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    objection = get_object_or_404(Objection.objects.select_related("entry"), pk=pk)
    form = forms.ObjectionResolutionForm(request.POST)
    if form.is_valid():
        _act(
            request,
            lambda: services.resolve_objection(
                objection,
                by=request.user,
                resolution=form.cleaned_data["resolution"],
                upheld=form.cleaned_data["upheld"],
            ),
            _("Objection resolved."),
        )
    else:
        messages.error(request, _("Say how the objection was resolved and whether it was upheld."))
    return redirect("recognition:notice_manage", pk=objection.entry.notice_id)


@login_required
@require_POST
def notice_conclude(request: HttpRequest, pk: int) -> HttpResponse:
    notice = get_object_or_404(PublicNotice, pk=pk)
    _act(request, lambda: services.conclude_notice(notice, by=request.user), _("Notice concluded."))
    return redirect("recognition:notice_manage", pk=pk)


# ----------------------------------------------------------------------------------------------------
# Programmes and recognition


@login_required
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A programme: its stages, its applications in the viewer's jurisdiction, rejection reasons."""
    programme = get_object_or_404(Programme, pk=pk)
    visible = Application.objects.for_user(request.user).filter(programme=programme)
    counts = {row["status"]: row["n"] for row in visible.values("status").annotate(n=Count("pk"))}
    reasons = [
        {"reason": RejectionReason(row["rejection_reason"]).label, "n": row["n"]}
        for row in visible.filter(status=ApplicationStatus.REJECTED)
        .values("rejection_reason")
        .annotate(n=Count("pk"))
        .order_by("-n")
    ]
    stages = list(programme.stages.order_by("order"))
    last = stages[-1] if stages else None
    may_recognise = last is not None and acting_assignment(request.user, last.level, None) is not None
    return render(
        request,
        "recognition/programme.html",
        {
            "programme": programme,
            "stages": stages,
            "counts": counts,
            "reasons": reasons,
            "statuses": ApplicationStatus.choices,
            "may_recognise": may_recognise,
            "recognise_form": forms.RecogniseForm(),
            "batches": list(programme.batches.annotate(n=Count("recognitions"))),
        },
    )


@login_required
@require_POST
def programme_recognise(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_object_or_404(Programme, pk=pk)
    form = forms.RecogniseForm(request.POST)
    form.is_valid()
    _act(
        request,
        lambda: services.recognise(programme, by=request.user, title=form.cleaned_data.get("title", "")),
        _("Recognition decided; certificates issued."),
    )
    return redirect("recognition:programme", pk=pk)


def _recognition(request: HttpRequest, pk: int) -> Recognition:
    return get_object_or_404(
        Recognition.objects.for_user(request.user).select_related(
            "enterprise__region", "batch__programme", "application__programme"
        ),
        pk=pk,
    )


@login_required
def recognition_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A title: certificate, annual updates, change reports, and (for the recognising reviewer) revocation."""
    recognition = _recognition(request, pk)
    return render(
        request,
        "recognition/recognition.html",
        {
            "recognition": recognition,
            "state": recognition.state(),
            "may_manage": recognition_decision(request.user, recognition),
            "is_member": member_decision(request.user, recognition),
            "updates": list(recognition.annual_updates.select_related("confirmed_by")),
            "reports": list(recognition.change_reports.select_related("reported_by", "assessed_by")),
            "events": list(Event.objects.filter(recognition=recognition).select_related("actor")),
            "revoke_form": forms.RevokeForm(),
            "change_form": forms.ChangeReportForm(),
            "assess_form": forms.ChangeAssessmentForm(),
            "today": timezone.localdate(),
            "due": services.annual_update_due(timezone.localdate().year),
        },
    )


@login_required
@require_GET
def certificate(request: HttpRequest, pk: int) -> HttpResponse:
    recognition = _recognition(request, pk)
    verify_url = request.build_absolute_uri(
        reverse("recognition:verify") + f"?code={recognition.certificate_code}"
    )
    response = HttpResponse(
        certificate_pdf(recognition, verify_url=verify_url), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="certificate-{recognition.certificate_code}.pdf"'
    return response


@login_required
@require_POST
def annual_update(request: HttpRequest, pk: int) -> HttpResponse:
    recognition = _recognition(request, pk)
    _act(
        request,
        lambda: services.confirm_annual_update(recognition, by=request.user),
        _("Annual update confirmed."),
    )
    return redirect("recognition:recognition", pk=pk)


@login_required
@require_POST
def change_report(request: HttpRequest, pk: int) -> HttpResponse:
    recognition = _recognition(request, pk)
    form = forms.ChangeReportForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        _act(
            request,
            lambda: services.report_change(
                recognition,
                by=request.user,
                kind=data["kind"],
                occurred_on=data["occurred_on"],
                description=data["description"],
            ),
            _("Change reported."),
        )
    else:
        messages.error(request, _("Give the kind of change, its date and a description."))
    return redirect("recognition:recognition", pk=pk)


@login_required
@require_POST
def change_assess(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(
        ChangeReport.objects.filter(recognition__in=Recognition.objects.for_user(request.user)), pk=pk
    )
    form = forms.ChangeAssessmentForm(request.POST)
    if form.is_valid():
        _act(
            request,
            lambda: services.assess_change(
                report,
                by=request.user,
                still_eligible=form.cleaned_data["still_eligible"],
                assessment=form.cleaned_data["assessment"],
            ),
            _("Change assessed."),
        )
    else:
        messages.error(request, _("Say whether the enterprise is still eligible, and why."))
    return redirect("recognition:recognition", pk=report.recognition_id)


@login_required
@require_POST
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    recognition = _recognition(request, pk)
    form = forms.RevokeForm(request.POST)
    if form.is_valid():
        _act(
            request,
            lambda: services.revoke(
                recognition,
                by=request.user,
                cause=form.cleaned_data["cause"],
                comment=form.cleaned_data["comment"],
            ),
            _("Title revoked."),
        )
    else:
        messages.error(request, _("Choose a cause and explain the revocation."))
    return redirect("recognition:recognition", pk=pk)


# ----------------------------------------------------------------------------------------------------
# Public pages: no sign-in


@require_GET
def public_notices(request: HttpRequest) -> HttpResponse:
    """Every notice running now or ended in the last 60 days, with the enterprises listed."""
    today = timezone.localdate()
    notices = list(
        PublicNotice.objects.filter(ends_on__gte=today - dt.timedelta(days=60), starts_on__lte=today)
        .select_related("programme", "region", "stage")
        .prefetch_related(
            Prefetch(
                "entries",
                queryset=NoticeEntry.objects.select_related(
                    "application__enterprise__region", "application__enterprise__industry"
                ),
            )
        )
        .order_by("-starts_on", "-pk")[:50]
    )
    return render(request, "recognition/public_notices.html", {"notices": notices, "today": today})


def public_notice(request: HttpRequest, pk: int) -> HttpResponse:
    """One notice, with an objection form for each listed enterprise while it runs."""
    notice = get_object_or_404(PublicNotice.objects.select_related("programme", "region", "stage"), pk=pk)
    entries = list(
        notice.entries.select_related("application__enterprise__region", "application__enterprise__industry")
    )
    form = forms.ObjectionForm()
    status = 200
    if request.method == "POST":
        form = forms.ObjectionForm(request.POST)
        entry = get_object_or_404(NoticeEntry, pk=request.POST.get("entry") or 0, notice=notice)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.lodge_objection(
                    entry,
                    name=data["name"],
                    contact=data["contact"],
                    text=data["text"],
                    address=client_address(request),
                )
            except services.TooManyObjections as error:
                messages.error(request, error.messages[0])
                status = 429
            except (PermissionDenied, ValidationError) as error:
                messages.error(
                    request, str(error) if isinstance(error, PermissionDenied) else error.messages[0]
                )
                status = 400
            else:
                messages.success(
                    request,
                    _("Your objection was recorded. The reviewer will look into it and may contact you."),
                )
                return redirect("recognition:public_notice", pk=pk)
        else:
            status = 400
    elif request.method != "GET":
        return HttpResponse(status=405)
    return render(
        request,
        "recognition/public_notice.html",
        {
            "notice": notice,
            "entries": entries,
            "form": form,
            "running": notice.is_running(),
        },
        status=status,
    )


@require_GET
def recognised_list(request: HttpRequest) -> HttpResponse:
    """The public list of recognised enterprises, by batch, searchable; paginated without counting."""
    batches = list(RecognitionBatch.objects.select_related("programme").order_by("-decided_on", "-pk")[:200])
    form = forms.RecognisedFilterForm(request.GET, batches=batches)
    queryset = Recognition.objects.select_related("enterprise__region", "batch").order_by(
        "-batch__decided_on", "enterprise__name", "pk"
    )
    page = page_number(request.GET.get("page"))
    if form.is_valid():
        data = form.cleaned_data
        if data.get("q"):
            queryset = queryset.filter(
                Q(enterprise__name__icontains=data["q"]) | Q(enterprise__credit_code=data["q"])
            )
        if data.get("tier"):
            queryset = queryset.filter(tier=data["tier"])
        if data.get("batch"):
            queryset = queryset.filter(batch=data["batch"])
    rows, has_next = _page(queryset, page)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "recognition/recognised_list.html",
        {
            "form": form,
            "rows": rows,
            "page": page,
            "has_next": has_next,
            "query": query.urlencode(),
            "today": timezone.localdate(),
        },
    )


@require_GET
def verify(request: HttpRequest) -> HttpResponse:
    """Confirm a certificate by its verification code."""
    form = forms.VerifyForm(request.GET or None)
    recognition = None
    searched = False
    if form.is_bound and form.is_valid():
        searched = True
        recognition = (
            Recognition.objects.select_related("enterprise__region", "batch")
            .filter(certificate_code=form.cleaned_data["code"])
            .first()
        )
    return render(
        request,
        "recognition/verify.html",
        {
            "form": form,
            "recognition": recognition,
            "searched": searched,
            "state": recognition.state() if recognition else None,
        },
    )
