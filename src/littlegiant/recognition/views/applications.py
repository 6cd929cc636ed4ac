"""One application: the page, evidence, submission, decisions, criterion confirmations, expert draws."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from littlegiant.bilingual import choose, label_of
from littlegiant.enterprises.labels import display_named_value
from littlegiant.enterprises.models import Enterprise
from littlegiant.recognition import forms, services
from littlegiant.recognition.models import (
    Application,
    ApplicationAction,
    ApplicationStatus,
    CriterionConfirmation,
    Evidence,
    ExpertReview,
    Programme,
    Recognition,
    Tier,
)
from littlegiant.recognition.permissions import (
    apply_decision,
    review_decision,
)
from littlegiant.recognition.views._common import act, act_on_form, field_label
from littlegiant.rules import registry
from littlegiant.uploads import stored_path


@login_required
@require_POST
def application_start(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    enterprises = list(Enterprise.objects.filter(memberships__user=request.user))
    programmes = list(Programme.objects.open_on(today).exclude(tier=Tier.SME_CLUSTER))
    form = forms.StartApplicationForm(request.POST, programmes=programmes, enterprises=enterprises)
    if not form.is_valid():
        messages.error(request, _("Choose an open programme and one of your enterprises."))
        return redirect("recognition:home")
    # The form took the programme from the open ones just read: no second read of it.
    programme = next(p for p in programmes if p.pk == form.cleaned_data["programme"])
    enterprise = get_object_or_404(
        Enterprise.objects.for_user(request.user), pk=form.cleaned_data["enterprise"]
    )
    created: list[Application] = []
    if act(
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
            "cluster__county",
            "current_stage",
            "filing",
            # The jurisdiction a reviewer's permission is checked against.
            "region",
        ),
        pk=pk,
    )


def _after_post(request: HttpRequest, pk: int, card: str, **forms_given: object) -> HttpResponse:
    """After a post: an htmx request gets its card again (with the status and history swapped out of band),
    a plain one is redirected to the page."""
    if not request.htmx:
        return redirect("recognition:application", pk=pk)
    application = _application(request, pk)
    context = _application_context(request, application, **forms_given)
    context["htmx_card"] = True
    return render(request, f"recognition/application.html#{card}", context)


@login_required
@require_GET
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One application: snapshot, explanation, evidence, versions with diffs, and the actions allowed."""
    application = _application(request, pk)
    return render(request, "recognition/application.html", _application_context(request, application))


def _application_context(request: HttpRequest, application: Application, **forms_given: object) -> dict:
    user = request.user
    # A draft was never submitted (nothing in the status graph leads back to it), so it has no versions and
    # nothing that review adds (expert draws, confirmations, spot checks, notice entries): none of those are
    # read for it, on the page an enterprise opens most while it prepares an application.
    submitted = application.status != ApplicationStatus.DRAFT
    versions = (
        list(application.versions.select_related("submitted_by").order_by("number")) if submitted else []
    )
    history = []
    for index, version in enumerate(versions):
        diff = version.diff(versions[index - 1]) if index else None
        if diff:
            for row in diff["fields"]:
                row["label"] = field_label(str(row["field"]))
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
    draws = (
        list(
            application.expert_draws.select_related("stage").prefetch_related(
                Prefetch("reviews", queryset=ExpertReview.objects.select_related("expert"))
            )
        )
        if submitted
        else []
    )
    aggregate = services.expert_aggregate(application, stage) if stage and stage.expert_review else None
    criteria: list[tuple[str, str]] = []
    if may_apply or evidence:
        criteria = _criteria(application)
        labels = dict(criteria)
        for item in evidence:
            item.criterion_label = labels.get(item.criterion, item.criterion)  # type: ignore[attr-defined]
    declared = []
    if may_review and latest:
        for item in latest.explanation.get("criteria", []):
            if item.get("declared"):
                for field in item.get("inputs") or {}:
                    declared.append(
                        {
                            "criterion": item,
                            "criterion_label": choose(
                                str(item.get("label_zh") or ""), str(item.get("label_en") or "")
                            ),
                            "field": field,
                            "label": field_label(field),
                            "declared": latest.values.get(field),
                            "declared_shown": display_named_value(field, latest.values.get(field)),
                        }
                    )
    preview = None
    if may_apply:
        filing = application.filing
        filing.enterprise = application.enterprise
        preview = services.assess(
            services.filing_values(filing),
            application.programme.pack_id,
            timezone.localdate(),
            application_kind=application.programme.kind,
        ).get(application.programme.pack_id)
    decisions = _decisions(application) if may_review else []
    decision_form = forms_given.get("decision_form") or forms.DecisionForm(
        initial={"version": application.version}
    )
    decision_form.fields["decision"].choices = [
        choice for choice in forms.DecisionForm.DECISIONS if choice[0] in decisions
    ]
    return {
        "preview": preview,
        "statuses": ApplicationStatus,
        "decisions": decisions,
        "next_step": _next_step(request, application) if may_review else None,
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
        "decision_form": decision_form,
        "confirmations": [
            _with_field_label(confirmation)
            for confirmation in application.confirmations.select_related("by", "stage")
        ]
        if submitted
        else [],
        "spot_checks": list(application.spot_checks.select_related("draw__stage", "recorded_by"))
        if submitted
        else [],
        "notice_entries": list(
            application.notice_entries.select_related("notice").prefetch_related("objections")
        )
        if submitted
        else [],
        "events": list(application.events.select_related("actor").order_by("created_at", "pk")),
        "recognition": Recognition.objects.filter(application=application).first()
        if application.status == ApplicationStatus.RECOGNISED
        else None,
        "filing_rows": [
            {"field": name, "label": field_label(name), "value": display_named_value(name, value)}
            for name, value in (latest.values.items() if latest else [])
        ],
    }


def _with_field_label(confirmation: CriterionConfirmation) -> CriterionConfirmation:
    confirmation.field_label = field_label(confirmation.field)  # type: ignore[attr-defined]
    confirmation.declared_shown = display_named_value(confirmation.field, confirmation.declared_value)  # type: ignore[attr-defined]
    confirmation.confirmed_shown = display_named_value(confirmation.field, confirmation.confirmed_value)  # type: ignore[attr-defined]
    return confirmation


def _criteria(application: Application) -> list[tuple[str, str]]:
    """The programme's criteria as (id, label in the reader's language), for the evidence form and table."""
    return [(item.id, label_of(item)) for item in registry.get(application.programme.pack_id).criteria]


def _decisions(application: Application) -> list[str]:
    """The decisions the status graph leaves open: pass only while in review; return and reject while the
    graph allows them (a notice's upheld objection is answered by returning or rejecting)."""
    moves = {
        "pass": ApplicationAction.PASS_TO_NOTICE,
        "return": ApplicationAction.RETURN,
        "reject": ApplicationAction.REJECT,
    }
    return [decision for decision, action in moves.items() if services.can_move(application, action)]


def _next_step(request: HttpRequest, application: Application) -> tuple[str, str] | None:
    """Where the reviewer goes next once the application has left their decision: the notice to publish, the
    running notice, or the recognition decision."""
    stage = application.current_stage
    if application.status == ApplicationStatus.STAGE_PASSED and stage is not None:
        return _("Next: publish the public notice"), reverse("recognition:notice_publish", args=[stage.pk])
    if application.status == ApplicationStatus.ON_NOTICE:
        entry = application.notice_entries.order_by("-notice__starts_on").first()
        if entry is not None:
            return _("Next: the public notice, its objections and its conclusion"), reverse(
                "recognition:notice_manage", args=[entry.notice_id]
            )
    if application.status == ApplicationStatus.PASSED:
        return _("Next: the recognition decision"), reverse(
            "recognition:programme_recognise", args=[application.programme_id]
        )
    return None


@login_required
@require_POST
def evidence_add(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    criteria = _criteria(application)
    form = forms.EvidenceForm(request.POST, request.FILES, criteria=criteria)
    if form.is_valid():
        data = form.cleaned_data
        if act(
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
            return _after_post(request, pk, "evidence")
    else:
        for problems in form.errors.values():
            for problem in problems:
                messages.error(request, problem)
    if request.htmx:
        return _after_post(request, pk, "evidence", evidence_form=form)
    context = _application_context(request, application, evidence_form=form)
    return render(request, "recognition/application.html", context, status=400)


@login_required
@require_POST
def evidence_remove(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = get_object_or_404(
        Evidence.objects.filter(application__in=Application.objects.for_user(request.user)), pk=pk
    )
    act(request, lambda: services.remove_evidence(evidence, by=request.user), _("Document removed."))
    return _after_post(request, evidence.application_id, "evidence")


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
    act(
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
        return _after_post(request, pk, "decision")
    data, user = form.cleaned_data, request.user
    version = data["version"]
    decision = data["decision"]
    call: Callable[[], object]
    if decision == "pass":
        call = partial(
            services.pass_stage,
            application,
            by=user,
            comment=data["comment"],
            override_reason=data["override_reason"],
            expected_version=version,
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
    act(request, call, done)
    return _after_post(request, pk, "decision")


@login_required
@require_POST
def application_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    act_on_form(
        request,
        forms.ConfirmationForm(request.POST),
        lambda data: services.confirm_criterion(
            application,
            by=request.user,
            criterion=data["criterion"],
            field=data["field"],
            value=data["value"],
            reason=data["reason"],
            expected_version=data["version"],
        ),
        done=_("Criterion recorded."),
        invalid=_("Give the reason for confirming or correcting this criterion."),
    )
    return _after_post(request, pk, "decision")


@login_required
@require_POST
def application_draw_experts(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    act(request, lambda: services.draw_experts(application, by=request.user), _("Experts drawn."))
    return redirect("recognition:application", pk=pk)
