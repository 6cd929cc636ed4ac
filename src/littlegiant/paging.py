"""Page numbers, offsets and cursors of list pages and APIs, bounded before they reach the database.

A page number comes from a link a person or a program may have altered. Beyond the bounds below no list
of ours has anything to show, and past 2^63 the database cannot even hold the offset (SQLite raised
OverflowError, a 500): such a number answers 404 (pages) or 400 (API), never an error of the server.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.pagination import CursorPagination, LimitOffsetPagination
from pydantic import ValidationError as PydanticValidationError

# A million pages of 50 rows is far beyond any list we hold; the bound only keeps the arithmetic small.
LAST_PAGE = 1_000_000
LARGEST_OFFSET = 100_000_000
# Ids are 64-bit signed integers in PostgreSQL and SQLite alike.
LARGEST_ID = 2**63 - 1
# A page number longer than this is refused before int() is asked to read it (Python reads at most 4,300).
_LONGEST_NUMBER_TEXT = 20


def page_number(raw: object) -> int:
    """The page asked for (1 when none), or 404 when it is not a page number a list could have."""
    if raw is None or raw == "":
        return 1
    if isinstance(raw, int) and not isinstance(raw, bool):
        number = raw
    else:
        text = str(raw).strip()
        if not text.isascii() or not text.isdigit() or len(text) > _LONGEST_NUMBER_TEXT:
            raise Http404(_("There is no page %(page)s.") % {"page": text[:_LONGEST_NUMBER_TEXT]})
        number = int(text)
    if number < 1 or number > LAST_PAGE:
        raise Http404(_("There is no page %(page)s.") % {"page": number})
    return number


def page_start(page: int, size: int) -> int:
    """The offset of a page's first row; the page must have passed page_number()."""
    return (page_number(page) - 1) * size


def check_id(value: int | None, *, field: str) -> None:
    """Refuse (400) an id beyond what the database can hold, naming the field."""
    if value is not None and not (-LARGEST_ID <= value <= LARGEST_ID):
        raise HttpError(400, _("%(field)s: no such id (out of range).") % {"field": field})


class BoundedLimitOffsetPagination(LimitOffsetPagination):
    """Ninja's limit/offset pagination with an offset the database can hold (400 beyond it)."""

    def paginate_queryset(self, queryset: Any, pagination: Any, request: Any, **params: Any) -> Any:
        if pagination.offset > LARGEST_OFFSET:
            raise HttpError(
                400, _("offset: must be at most %(largest)s.") % {"largest": f"{LARGEST_OFFSET:,}"}
            )
        return super().paginate_queryset(queryset, pagination, request, **params)


class BoundedCursorPagination(CursorPagination):
    """Ninja's cursor pagination answering 400 for a damaged or out-of-range cursor instead of failing."""

    def paginate_queryset(self, queryset: Any, pagination: Any, request: Any, **params: Any) -> Any:
        try:
            self.Cursor.from_encoded_param(pagination.cursor)
        except (PydanticValidationError, NinjaValidationError, ValueError):
            raise HttpError(400, _("cursor: this page link is damaged or out of range.")) from None
        return super().paginate_queryset(queryset, pagination, request, **params)
