"""Stage work for reviewers: spot checks, publishing and managing public notices, objections."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from littlegiant.recognition import forms, services
from littlegiant.recognition.models import (
    Application,
    ApplicationStatus,
    Objection,
    PublicNotice,
    ReviewStage,
    SpotCheck,
)
from littlegiant.recognition.permissions import (
    acting_assignment,
    assignment_scope,
)
from littlegiant.recognition.views._common import (
    act,
    act_on_form,
    candidates_to_select,
    preview_then_confirm,
)


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
        .select_related("application__enterprise", "application__cluster", "draw", "recorded_by")
        .order_by("-draw__drawn_at", "pk")
    )
    notices = list(
        # Only the notices this reviewer published or could manage: another city's objections are not theirs.
        PublicNotice.objects.filter(
            assignment_scope(request.user, stage.level, path_field="region__path"), stage=stage
        )
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
    act_on_form(
        request,
        forms.SpotCheckDrawForm(request.POST),
        lambda data: services.draw_spot_checks(
            stage, by=request.user, sample_size=data["sample_size"], seed=data["seed"]
        ),
        done=_("Spot checks drawn."),
        invalid=_("Say how many applications to draw."),
    )
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
    act_on_form(
        request,
        forms.SpotCheckRecordForm(request.POST),
        lambda data: services.record_spot_check(
            check,
            by=request.user,
            result=data["result"],
            findings=data["findings"],
            visited_on=data["visited_on"],
        ),
        done=_("Spot-check findings recorded."),
        invalid=_("Give the result and the findings."),
    )
    return redirect("recognition:stage", pk=check.draw.stage_id)


def _default_notice_text(stage: ReviewStage, starts_on: dt.date) -> str:
    ends_on = starts_on + dt.timedelta(days=stage.notice_days - 1)
    return _(
        "The enterprises below passed the %(level)s review of %(programme)s and are published for public "
        "notice from %(start)s to %(end)s. Anyone who objects may do so during the notice, in writing and "
        "under their real name, at the address below or on this page, giving a way to reach them."
    ) % {
        "level": stage.get_level_display(),
        "programme": stage.programme.title,
        "start": starts_on,
        "end": ends_on,
    }


@login_required
def notice_publish(request: HttpRequest, pk: int) -> HttpResponse:
    """Preview, select, confirm: the applications to list (flagged where the assessment does not qualify), the
    notice text, the issuing body, the contact phone and the objection address; then publish."""
    stage = _stage(request, pk)
    if not stage.public_notice:
        raise Http404(_("This stage has no public notice."))
    candidates, choices = candidates_to_select(services.notice_candidates(stage, by=request.user))
    today = timezone.localdate()
    confirmation = preview_then_confirm(
        request,
        lambda data: forms.NoticeForm(
            data, candidates=choices, initial={"body": _default_notice_text(stage, today)}
        ),
        decide=lambda data: services.publish_notice(
            stage,
            by=request.user,
            selected=data["selected"],
            issuer=data["issuer"],
            contact_phone=data["contact_phone"],
            objection_address=data["objection_address"],
            body=data["body"],
        ),
        done=_("Public notice published."),
    )
    if confirmation.decided:
        return redirect("recognition:notice_manage", pk=confirmation.result.pk)
    return render(
        request,
        "recognition/notice_publish.html",
        {
            "stage": stage,
            **confirmation.listing(candidates),
            "starts_on": today,
            "ends_on": today + dt.timedelta(days=stage.notice_days - 1),
        },
    )


@login_required
def notice_manage(request: HttpRequest, pk: int) -> HttpResponse:
    """The reviewer's side of a notice: the objections, their resolution, and concluding the notice."""
    notice = get_object_or_404(PublicNotice.objects.select_related("stage", "programme", "region"), pk=pk)
    if acting_assignment(request.user, notice.stage.level, notice.region) is None:
        raise PermissionDenied(_("Only the reviewers who published this notice manage it."))
    entries = list(
        notice.entries.select_related(
            "application__enterprise__region", "application__cluster__county"
        ).prefetch_related(Prefetch("objections", queryset=Objection.objects.select_related("resolved_by")))
    )
    return render(
        request,
        "recognition/notice_manage.html",
        {
            "notice": notice,
            "entries": entries,
            "resolution_form": forms.ObjectionResolutionForm(),
            "today": timezone.localdate(),
            "demo": settings.DEMO,
            "events": list(notice.events.select_related("actor")),
        },
    )


@login_required
@require_POST
def objection_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    objection = get_object_or_404(Objection.objects.select_related("entry"), pk=pk)
    act_on_form(
        request,
        forms.ObjectionResolutionForm(request.POST),
        lambda data: services.resolve_objection(
            objection, by=request.user, resolution=data["resolution"], upheld=data["upheld"]
        ),
        done=_("Objection resolved."),
        invalid=_("Say how the objection was resolved and whether it was upheld."),
    )
    return redirect("recognition:notice_manage", pk=objection.entry.notice_id)


@login_required
@require_POST
def notice_demo_end(request: HttpRequest, pk: int) -> HttpResponse:
    """Demo only: end the notice period yesterday, so that it can be concluded now."""
    notice = get_object_or_404(PublicNotice, pk=pk)
    act(
        request,
        lambda: services.end_notice_period_for_demo(notice, by=request.user),
        _("Demo: the notice period now ended yesterday; it can be concluded."),
    )
    return redirect("recognition:notice_manage", pk=pk)


@login_required
@require_POST
def notice_conclude(request: HttpRequest, pk: int) -> HttpResponse:
    notice = get_object_or_404(PublicNotice, pk=pk)
    act(request, lambda: services.conclude_notice(notice, by=request.user), _("Notice concluded."))
    return redirect("recognition:notice_manage", pk=pk)
