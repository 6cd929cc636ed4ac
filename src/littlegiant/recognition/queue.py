"""The review queue: the reviewer's applications, filtered and sorted, read a page at a time by keyset.

A page link carries the sort values of a row and the next page starts after it (no OFFSET), so a page is
read off an index in order however deep it lies. The queue page, the API and the benchmark share this.
"""

from __future__ import annotations

import base64
import datetime as dt
import json

from django.db.models import F, Q, QuerySet

from littlegiant.recognition import forms
from littlegiant.recognition.models import (
    AWAITING_REVIEW,
    Application,
    ApplicationStatus,
)

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
    "cluster__name",
    "cluster__county__name",
    "current_stage__level",
]
# Each queue sort as (field, descending, may be null), ending on the primary key so that the order is total;
# a page link carries these values of a row, and the next page starts after it (no OFFSET).
# Nulls come first in a descending field and last in an ascending one, the same on every database.
QUEUE_ORDERINGS: dict[str, list[tuple[str, bool, bool]]] = {
    "submitted": [("submitted_at", False, False), ("pk", False, False)],
    "-submitted": [("submitted_at", True, False), ("pk", True, False)],
    "name": [("enterprise__name", False, False), ("pk", False, False)],
    "-score": [("score", True, True), ("submitted_at", False, False), ("pk", False, False)],
}


def page_of(queryset: QuerySet, page: int, size: int = PAGE_SIZE) -> tuple[list, bool]:
    """One page and whether another follows, fetching size + 1 rows instead of counting the table."""
    start = (page - 1) * size
    rows = list(queryset[start : start + size + 1])
    return rows[:size], len(rows) > size


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
    ).order_by(*_order_by(ordering))


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


def queue_page(
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
    return page_of(queryset, page, size)
