"""Programmes, the recognition decision and titles: certificate, annual updates, changes, revocation."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from littlegiant.recognition import forms, services
from littlegiant.recognition.certificates import certificate_pdf
from littlegiant.recognition.models import (
    Application,
    ApplicationStatus,
    ChangeReport,
    Event,
    Programme,
    Recognition,
    RecognitionState,
    RejectionReason,
)
from littlegiant.recognition.permissions import (
    acting_assignment,
    member_decision,
    recognition_decision,
)
from littlegiant.recognition.services.quotas import recommendations_used, recommending_unit
from littlegiant.recognition.views._common import (
    act,
    act_on_form,
    candidates_to_select,
    preview_then_confirm,
)
from littlegiant.reference.models import Region


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
            "batches": list(programme.batches.annotate(n=Count("recognitions"))),
            "quota": _quota_rows(request, programme, visible),
        },
    )


def _quota_rows(request: HttpRequest, programme: Programme, visible) -> dict[str, object] | None:  # noqa: ANN001
    """The recommendation quota of a programme that has one (cluster round, criteria.md §8.2): for each
    recommending unit of the viewer's provinces, the places used and the recommended applications they see."""
    if programme.recommendation_quota is None and not programme.quotas.exists():
        return None
    recommended = list(
        visible.filter(recommended_at__isnull=False)
        .select_related("enterprise", "cluster__county")
        .order_by("recommended_at", "pk")
    )
    provinces = {a.region_path.split("/")[0] for a in recommended}
    provinces |= {region.province_code for region in Region.objects.filter(reviewers__user=request.user)}
    units = []
    for province in Region.objects.filter(pk__in=provinces).order_by("code"):
        for region in [province, *(q.region for q in programme.quotas.select_related("region"))]:
            if not region.path.startswith(province.path) or any(u["unit"] == region for u in units):
                continue
            unit, quota, apart = recommending_unit(programme, region)
            units.append({"unit": unit, "quota": quota, "used": recommendations_used(programme, unit, apart)})
    return {"units": units, "recommended": recommended}


@login_required
def programme_recognise(request: HttpRequest, pk: int) -> HttpResponse:
    """Preview, select, confirm: the passed applications to recognise (flagged where the assessment does not
    qualify, with the reviewers' override reasons), the issuing body and the decision number; then decide."""
    programme = get_object_or_404(Programme, pk=pk)
    stage = services.recognising_stage(programme)
    if stage is None or acting_assignment(request.user, stage.level, None) is None:
        raise PermissionDenied(_("Only the reviewers of the recognising level decide on recognition."))
    candidates, choices = candidates_to_select(services.recognition_candidates(programme, by=request.user))
    confirmation = preview_then_confirm(
        request,
        lambda data: forms.RecogniseForm(data, candidates=choices),
        decide=lambda data: services.recognise(
            programme,
            by=request.user,
            title=data["title"],
            selected=data["selected"],
            issuer=data["issuer"],
            number=data["number"],
        ),
        done=_("Recognition decided; certificates issued."),
    )
    if confirmation.decided:
        return redirect("recognition:programme", pk=pk)
    return render(
        request,
        "recognition/recognise.html",
        {
            "programme": programme,
            **confirmation.listing(candidates),
            "today": timezone.localdate(),
        },
    )


def _recognition(request: HttpRequest, pk: int) -> Recognition:
    return get_object_or_404(
        Recognition.objects.for_user(request.user).select_related(
            "enterprise__region", "cluster__county", "batch__programme", "application__programme"
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
            "due": services.next_annual_update_due(recognition),
            "states": RecognitionState,
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
    act(
        request,
        lambda: services.confirm_annual_update(recognition, by=request.user),
        _("Annual update confirmed."),
    )
    return redirect("recognition:recognition", pk=pk)


@login_required
@require_POST
def change_report(request: HttpRequest, pk: int) -> HttpResponse:
    recognition = _recognition(request, pk)
    act_on_form(
        request,
        forms.ChangeReportForm(request.POST),
        lambda data: services.report_change(
            recognition,
            by=request.user,
            kind=data["kind"],
            occurred_on=data["occurred_on"],
            description=data["description"],
        ),
        done=_("Change reported."),
        invalid=_("Give the kind of change, its date and a description."),
    )
    return redirect("recognition:recognition", pk=pk)


@login_required
@require_POST
def change_assess(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(
        ChangeReport.objects.filter(recognition__in=Recognition.objects.for_user(request.user)), pk=pk
    )
    act_on_form(
        request,
        forms.ChangeAssessmentForm(request.POST),
        lambda data: services.assess_change(
            report, by=request.user, still_eligible=data["still_eligible"], assessment=data["assessment"]
        ),
        done=_("Change assessed."),
        invalid=_("Say whether the enterprise is still eligible, and why."),
    )
    return redirect("recognition:recognition", pk=report.recognition_id)


@login_required
@require_POST
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    recognition = _recognition(request, pk)
    act_on_form(
        request,
        forms.RevokeForm(request.POST),
        lambda data: services.revoke(
            recognition, by=request.user, cause=data["cause"], comment=data["comment"]
        ),
        done=_("Title revoked."),
        invalid=_("Choose a cause and explain the revocation."),
    )
    return redirect("recognition:recognition", pk=pk)
