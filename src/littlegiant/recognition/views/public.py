"""Public pages, no sign-in: notices and objections, the recognised list, certificate verification."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from littlegiant.accounts.addresses import client_address
from littlegiant.pagination import page_number, page_of
from littlegiant.recognition import documents, forms, public_pages, services
from littlegiant.recognition.models import (
    NoticeEntry,
    Objection,
    PublicNotice,
    Recognition,
    RecognitionBatch,
    RecognitionState,
)


def _notices_list() -> str:
    today = timezone.localdate()
    notices = list(
        PublicNotice.objects.filter(ends_on__gte=today - dt.timedelta(days=60), starts_on__lte=today)
        .select_related("programme", "region", "stage")
        .prefetch_related(
            Prefetch(
                "entries",
                queryset=NoticeEntry.objects.select_related(
                    "application__enterprise__region",
                    "application__enterprise__industry",
                    "application__cluster__county",
                    "application__cluster__main_industry",
                ),
            )
        )
        .order_by("-starts_on", "-pk")[:50]
    )
    return render_to_string("recognition/public_notices.html#list", {"notices": notices, "today": today})


@require_GET
def public_notices(request: HttpRequest) -> HttpResponse:
    """Every notice running now or ended in the last 60 days, with the enterprises listed."""
    html = public_pages.cached("notices", "all", _notices_list)
    return render(request, "recognition/public_notices.html", {"notices_html": mark_safe(html)})  # noqa: S308 - our own rendered template


def _notice_parts(pk: int) -> dict[str, object]:
    """The parts of a notice's page that are the same for every reader (Http404 when there is no such notice)."""
    notice = get_object_or_404(PublicNotice.objects.select_related("programme", "region", "stage"), pk=pk)
    entries = list(
        notice.entries.select_related(
            "application__enterprise__region",
            "application__enterprise__industry",
            "application__cluster__county",
            "application__cluster__main_industry",
        )
    )
    context = {"notice": notice, "entries": entries}
    return {
        "title": notice.title,
        "notice": render_to_string("recognition/public_notice.html#notice", context),
        "options": render_to_string("recognition/public_notice.html#options", context),
        "running": notice.is_running(),
    }


def public_notice(request: HttpRequest, pk: int) -> HttpResponse:
    """One notice, with an objection form for each listed enterprise while it runs."""
    if request.method not in ("GET", "POST"):
        return HttpResponse(status=405)
    parts = public_pages.cached("notice", pk, lambda: _notice_parts(pk))
    form = forms.ObjectionForm()
    status = 200
    if request.method == "POST":
        form = forms.ObjectionForm(request.POST)
        entry = get_object_or_404(NoticeEntry, pk=request.POST.get("entry") or 0, notice_id=pk)
        if form.is_valid():
            data = form.cleaned_data
            try:
                lodged = services.lodge_objection(
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
                    _(
                        "Your objection was recorded under the reference %(ref)s. The reviewer will look into it "
                        "and may contact you; follow it up on the objection status page with this reference."
                    )
                    % {"ref": lodged.reference},
                )
                return redirect(f"{reverse('recognition:objection_status')}?reference={lodged.reference}")
        else:
            status = 400
    return render(
        request,
        "recognition/public_notice.html",
        {
            "title": parts["title"],
            "notice_html": mark_safe(parts["notice"]),  # noqa: S308 - our own rendered template
            "options_html": mark_safe(parts["options"]),  # noqa: S308 - our own rendered template
            "form": form,
            "running": parts["running"],
        },
        status=status,
    )


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_GET
def notice_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The public notice as a PDF document (public, as the notice is)."""
    notice = get_object_or_404(PublicNotice, pk=pk)
    return _pdf(documents.notice_pdf(notice), f"notice-{notice.number or notice.pk}.pdf")


@require_GET
def decision_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The recognition decision as a PDF document (public, as the recognised list is)."""
    batch = get_object_or_404(RecognitionBatch, pk=pk)
    return _pdf(documents.decision_pdf(batch), f"decision-{batch.number or batch.pk}.pdf")


@require_GET
def objection_status(request: HttpRequest) -> HttpResponse:
    """The public status of an objection, looked up by the reference number its objector was given."""
    form = forms.ObjectionStatusForm(request.GET or None)
    objection = None
    searched = form.is_bound and form.is_valid()
    if searched:
        objection = (
            Objection.objects.select_related(
                "entry__notice", "entry__application__enterprise", "entry__application__cluster"
            )
            .filter(reference=form.cleaned_data["reference"])
            .first()
        )
    return render(
        request,
        "recognition/objection_status.html",
        {"form": form, "objection": objection, "searched": searched},
    )


@require_GET
def recognised_list(request: HttpRequest) -> HttpResponse:
    """The public list of recognised enterprises, by batch, searchable; paginated without counting."""
    batches = list(RecognitionBatch.objects.select_related("programme").order_by("-decided_on", "-pk")[:200])
    form = forms.RecognisedFilterForm(request.GET, batches=batches)
    queryset = Recognition.objects.select_related("enterprise__region", "cluster__county", "batch").order_by(
        "-batch__decided_on", "enterprise_name", "pk"
    )
    page = page_number(request.GET.get("page"))
    if form.is_valid():
        data = form.cleaned_data
        if data.get("q"):
            queryset = queryset.filter(Q(enterprise_name__icontains=data["q"]) | Q(credit_code=data["q"]))
        if data.get("tier"):
            queryset = queryset.filter(tier=data["tier"])
        if data.get("batch"):
            queryset = queryset.filter(batch=data["batch"])
    numbered = page_of(queryset, request, number=page)
    return render(
        request,
        "recognition/recognised_list.html",
        {
            "form": form,
            "rows": numbered.rows,
            "page": numbered,
            "today": timezone.localdate(),
        },
    )


@require_GET
def verify(request: HttpRequest) -> HttpResponse:
    """Confirm a certificate by its verification code."""
    form = forms.VerifyForm(request.GET or None)
    result = ""
    searched = form.is_bound and form.is_valid()
    if searched:
        code = form.cleaned_data["code"]
        result = public_pages.cached("verify", code, lambda: _verification(code))
    return render(
        request,
        "recognition/verify.html",
        {"form": form, "searched": searched, "result_html": mark_safe(result)},  # noqa: S308 - our own template
    )


def _verification(code: str) -> str:
    recognition = (
        Recognition.objects.select_related("enterprise__region", "cluster__county", "batch")
        .filter(certificate_code=code)
        .first()
    )
    return render_to_string(
        "recognition/verify.html#result",
        {
            "recognition": recognition,
            "state": recognition.state() if recognition else None,
            "states": RecognitionState,
        },
    )
