"""Public pages, no sign-in: notices and objections, the recognised list, certificate verification."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from littlegiant.accounts.addresses import client_address
from littlegiant.pagination import page_number, page_of
from littlegiant.recognition import documents, forms, services
from littlegiant.recognition.models import (
    NoticeEntry,
    Objection,
    PublicNotice,
    Recognition,
    RecognitionBatch,
    RecognitionState,
)


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
                    "application__enterprise__region",
                    "application__enterprise__industry",
                    "application__cluster__county",
                    "application__cluster__main_industry",
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
        notice.entries.select_related(
            "application__enterprise__region",
            "application__enterprise__industry",
            "application__cluster__county",
            "application__cluster__main_industry",
        )
    )
    form = forms.ObjectionForm()
    status = 200
    if request.method == "POST":
        form = forms.ObjectionForm(request.POST)
        entry = get_object_or_404(NoticeEntry, pk=request.POST.get("entry") or 0, notice=notice)
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
    rows, has_next = numbered.rows, numbered.has_next
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
            Recognition.objects.select_related("enterprise__region", "cluster__county", "batch")
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
            "states": RecognitionState,
        },
    )
