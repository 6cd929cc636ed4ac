"""The recognition home for each role, and the reviewer's queue."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from littlegiant.enterprises.models import Enterprise
from littlegiant.pagination import (
    PageLinks,
    cursor_of,
    keyset_page,
    other_parameters,
    page_link,
    page_number,
    page_of,
)
from littlegiant.recognition import forms
from littlegiant.recognition.models import (
    Application,
    ExpertReview,
    Programme,
    Recognition,
    ReviewStage,
    Tier,
)
from littlegiant.recognition.queue import QUEUE_COLUMNS, QUEUE_ORDERINGS, queue_queryset, queue_sort


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
    # A cluster programme is applied for by a county SME authority, not an enterprise (criteria.md §8.2).
    programmes = (
        list(Programme.objects.open_on(today).exclude(tier=Tier.SME_CLUSTER).order_by("tier", "kind"))
        if enterprises
        else []
    )
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


@login_required
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    """The reviewer's queue: applications at their stages and in their region, never counting the table."""
    form = forms.QueueFilterForm(request.GET)
    page = page_number(request.GET.get("page"))
    ordering = QUEUE_ORDERINGS[queue_sort(form)]
    queryset = queue_queryset(request.user, form).only(*QUEUE_COLUMNS)
    after, before = request.GET.get("after", ""), request.GET.get("before", "")
    keyset = None
    if after or before:
        try:
            keyset = keyset_page(queryset, ordering, after=after, before="" if after else before)
        except BadRequest:
            messages.error(
                request, _("This page link is damaged; the queue starts again from the first page.")
            )
            page = 1
    if keyset is not None:
        rows, next_cursor, previous_cursor = keyset.rows, keyset.next_cursor, keyset.previous_cursor
    else:
        # A page number without a cursor (the first page, or one typed in): read by offset.
        numbered = page_of(queryset, request, number=page)
        rows = numbered.rows
        next_cursor = cursor_of(rows[-1], ordering) if numbered.has_next else ""
        previous_cursor = cursor_of(rows[0], ordering) if page > 2 and rows else ""
    query = other_parameters(request.GET, "page", "after", "before")
    return render(
        request,
        "recognition/queue.html",
        {
            "form": form,
            "rows": rows,
            "pager": PageLinks(
                number=page,
                previous_link=page_link(query, page=page - 1, before=previous_cursor) if page > 1 else "",
                next_link=page_link(query, page=page + 1, after=next_cursor) if next_cursor else "",
            ),
        },
    )
