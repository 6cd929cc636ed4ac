"""The review queue: the reviewer's applications, filtered and sorted, read a page at a time by keyset.

The queue page reads it through `littlegiant.pagination.keyset_page`: a page link carries the sort values of a
row and the next page starts after it (no OFFSET), so a page is read off an index in order however deep it
lies. The queue page, the API and the benchmark share the filtered queryset.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from littlegiant.pagination import SortKey, order_by
from littlegiant.recognition import forms
from littlegiant.recognition.models import (
    AWAITING_REVIEW,
    Application,
    ApplicationStatus,
)

# What the queue page shows of each application: its columns are all it reads.
QUEUE_COLUMNS = [
    "status",
    "score",
    "outcome",
    "submitted_at",
    "programme__title",
    "enterprise__name",
    "enterprise__region__name",
    "cluster__name",
    "cluster__county__name",
    "current_stage__level",
]
# Each queue sort, ending on the primary key so that the order is total; a page link carries these values of a
# row, and the next page starts after it (littlegiant.pagination.keyset_page, no OFFSET).
_SUBMITTED = SortKey("submitted_at", kind=dt.datetime)
QUEUE_ORDERINGS: dict[str, tuple[SortKey, ...]] = {
    "submitted": (_SUBMITTED, SortKey("pk")),
    "-submitted": (
        SortKey("submitted_at", descending=True, kind=dt.datetime),
        SortKey("pk", descending=True),
    ),
    "name": (SortKey("enterprise__name", kind=str), SortKey("pk")),
    "-score": (SortKey("score", descending=True, nullable=True), _SUBMITTED, SortKey("pk")),
}


def queue_sort(form: forms.QueueFilterForm) -> str:
    """The queue sort asked for, or the oldest submission first."""
    data = form.cleaned_data if form.is_valid() else {}
    return data.get("sort") or "submitted"


def queue_queryset(user: object, form: forms.QueueFilterForm) -> QuerySet[Application]:
    """The reviewer's queue, filtered and sorted as asked; shared by the page, the API and the benchmark."""
    data = form.cleaned_data if form.is_valid() else {}
    queryset = Application.objects.for_user(user).at_stages_of(user).exclude(status=ApplicationStatus.DRAFT)
    queryset = (
        queryset.filter(status=data["status"])
        if data.get("status")
        else queryset.filter(status__in=AWAITING_REVIEW)
    )
    if data.get("tier"):
        queryset = queryset.filter(programme__tier=data["tier"])
    if data.get("q"):
        queryset = queryset.filter(
            Q(enterprise__name__icontains=data["q"]) | Q(enterprise__credit_code=data["q"])
        )
    ordering = QUEUE_ORDERINGS[queue_sort(form)]
    return queryset.select_related(
        "programme", "enterprise__region", "cluster__county", "current_stage"
    ).order_by(*order_by(ordering))
