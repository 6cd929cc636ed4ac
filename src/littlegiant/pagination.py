"""The one paginator for pages: numbered pages for short lists, keyset pages for long queues.

Neither counts the table: a page fetches one row more than it shows to know whether another follows.
Bad input is the client's fault and answers 400 (not a number, below 1, absurdly large, an altered cursor);
a page past the end answers 404. Nothing here raises a 500 on what a URL can carry.
Keyset pages (no OFFSET) seek in the index through a cursor holding the last row's sort values, so page 500
of the recognition queue costs what page 1 does.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import BadRequest
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import F, OrderBy, Q, QuerySet
from django.http import Http404, HttpRequest, QueryDict
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from ninja import Schema
from ninja.errors import ValidationError as NinjaValidationError
from ninja.pagination import CursorPagination
from pydantic import ValidationError as PydanticValidationError

PAGE_SIZE = 50
# A page number beyond this is not a page anybody reached by clicking "next"; refusing it keeps the
# OFFSET (and the integer) well inside what every database accepts.
MAX_PAGE = 10_000


def page_link(query: str, **parameters: object) -> str:
    """A link to another page: the other query parameters `query`, then this page's (empty ones left out)."""
    own = urlencode({name: value for name, value in parameters.items() if value not in ("", None)})
    return f"?{query}&{own}" if query else f"?{own}"


@dataclass(frozen=True, slots=True)
class PageLinks:
    """What the one pager (templates/pager.html) shows: this page's number and the links either side.

    A `Page` offers the same three names; a page read another way (a ranked search, the keyset queue) builds
    one of these, so every list pages with the same words and markup.
    """

    number: int | None  # None for a list paged by "next" alone, which does not know which page it is on
    previous_link: str = ""
    next_link: str = ""


@dataclass(frozen=True, slots=True)
class Page:
    """One numbered page of rows, with what the pager links need."""

    rows: list[Any]
    number: int
    has_next: bool
    query: str = ""  # the other query parameters, so a page link keeps the filters
    parameter: str = "page"

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def previous_link(self) -> str:
        return page_link(self.query, **{self.parameter: self.number - 1}) if self.has_previous else ""

    @property
    def next_link(self) -> str:
        return page_link(self.query, **{self.parameter: self.number + 1}) if self.has_next else ""


def page_number(raw: str | int | None) -> int:
    """The page number a URL asks for (1 when absent); BadRequest (400) when it is not a sensible page."""
    if raw is None or raw == "":
        return 1
    if isinstance(
        raw, int
    ):  # an API's typed parameter: compared, never printed (str() fails past 4,300 digits)
        if not 1 <= raw <= MAX_PAGE:
            raise BadRequest(_("The page number must be between 1 and %(max)s.") % {"max": MAX_PAGE})
        return raw
    text = raw.strip()
    if not text.isdigit() or len(text) > len(str(MAX_PAGE)) or not 1 <= int(text) <= MAX_PAGE:
        raise BadRequest(
            _("“%(page)s” is not a page number between 1 and %(max)s.") % {"page": raw[:20], "max": MAX_PAGE}
        )
    return int(text)


def other_parameters(query: QueryDict, *names: str) -> str:
    """The query string without the paging parameters, for building page links."""
    copy = query.copy()
    for name in names:
        copy.pop(name, None)
    return copy.urlencode()


def page_of(
    queryset: QuerySet | Sequence[Any],
    request: HttpRequest,
    *,
    size: int = PAGE_SIZE,
    parameter: str = "page",
    number: int | None = None,
) -> Page:
    """The page the request asks for (`?page=`), or `number` when a form already read it; 404 past the end."""
    if number is None:
        number = page_number(request.GET.get(parameter))
    start = (number - 1) * size
    rows = list(queryset[start : start + size + 1])
    if number > 1 and not rows:
        raise Http404(_("There is no page %(page)s.") % {"page": number})
    return Page(
        rows=rows[:size],
        number=number,
        has_next=len(rows) > size,
        query=other_parameters(request.GET, parameter),
        parameter=parameter,
    )


# Keyset pages
# -----------------------------------------------------------------------------------------------------

_KINDS: dict[type, tuple[type, ...]] = {
    int: (int,),
    str: (str,),
    Decimal: (str,),
    dt.datetime: (str,),
    dt.date: (str,),
}


@dataclass(frozen=True, slots=True)
class SortKey:
    """One field of a keyset ordering: its lookup path, direction, whether it may be null, its value type."""

    field: str
    descending: bool = False
    nullable: bool = False
    kind: type = int


@dataclass(frozen=True, slots=True)
class KeysetPage:
    """One keyset page: its rows, and the cursors of the pages either side (empty when there is none)."""

    rows: list[Any]
    next_cursor: str = ""
    previous_cursor: str = ""
    ordering: tuple[SortKey, ...] = field(default=(), repr=False)

    @property
    def has_next(self) -> bool:
        return bool(self.next_cursor)

    @property
    def has_previous(self) -> bool:
        return bool(self.previous_cursor)


def order_by(ordering: Sequence[SortKey], *, backwards: bool = False) -> list[OrderBy]:
    """ORDER BY expressions for the ordering (reversed when paging backwards); nulls sort as `beyond` expects.

    Nulls come first in a descending field and last in an ascending one, the same on every database.
    """
    expressions: list[OrderBy] = []
    for key in ordering:
        if key.descending != backwards:
            expressions.append(F(key.field).desc(nulls_first=True))
        else:
            expressions.append(F(key.field).asc(nulls_last=True))
    return expressions


def _value_of(row: object, path: str) -> object:
    value: object = row
    for part in path.split("__"):
        value = getattr(value, part)
    return value


def cursor_of(row: object, ordering: Sequence[SortKey]) -> str:
    """A row's position in the ordering, as URL-safe text."""
    values: list[object] = []
    for key in ordering:
        value = _value_of(row, key.field)
        if isinstance(value, dt.date | dt.datetime):
            value = value.isoformat()
        elif isinstance(value, Decimal):
            value = str(value)
        values.append(value)
    return base64.urlsafe_b64encode(json.dumps(values, ensure_ascii=False).encode()).decode().rstrip("=")


def read_cursor(text: str, ordering: Sequence[SortKey]) -> list[object]:
    """The sort values a cursor carries; BadRequest (400) when it was cut, altered or made for another sort."""
    try:
        values = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
        if not isinstance(values, list) or len(values) != len(ordering):
            raise ValueError("cursor of another sort")
        return [_read_value(key, value) for key, value in zip(ordering, values, strict=True)]
    except (ValueError, TypeError, ArithmeticError) as error:
        raise BadRequest(
            _("This page link is damaged or out of date; start again from the first page.")
        ) from error


def _read_value(key: SortKey, value: object) -> object:
    if value is None and key.nullable:
        return None
    if type(value) not in _KINDS[key.kind]:
        raise ValueError(f"bad value for {key.field}")
    if key.kind is int and not -(2**63) <= value < 2**63:  # type: ignore[operator]
        raise ValueError(f"{key.field} out of range")
    if key.kind is dt.datetime:
        return dt.datetime.fromisoformat(value)  # type: ignore[arg-type]
    if key.kind is dt.date:
        return dt.date.fromisoformat(value)  # type: ignore[arg-type]
    if key.kind is Decimal:
        return Decimal(value)  # type: ignore[arg-type]
    return value


def beyond(ordering: Sequence[SortKey], values: Sequence[object], *, backwards: bool = False) -> Q:
    """Rows strictly after the cursor in the ordering (before it, going backwards)."""
    condition = Q(pk__in=[])
    same = Q()
    for key, value in zip(ordering, values, strict=True):
        descending = key.descending != backwards
        if value is None:
            # Nulls come first when descending: every non-null follows; last when ascending: nothing does.
            after = Q(**{f"{key.field}__isnull": False}) if descending else Q(pk__in=[])
            equal = Q(**{f"{key.field}__isnull": True})
        else:
            after = Q(**{f"{key.field}__{'lt' if descending else 'gt'}": value})
            if key.nullable and not descending:
                after |= Q(**{f"{key.field}__isnull": True})
            equal = Q(**{key.field: value})
        condition |= same & after
        same &= equal
    # A plain bound on the first sort field as well, so that the database seeks to the cursor in its index.
    first = ordering[0]
    descending = first.descending != backwards
    if values[0] is not None and (descending or not first.nullable):
        condition &= Q(**{f"{first.field}__{'lte' if descending else 'gte'}": values[0]})
    return condition


def keyset_page(
    queryset: QuerySet,
    ordering: Sequence[SortKey],
    *,
    after: str = "",
    before: str = "",
    size: int = PAGE_SIZE,
) -> KeysetPage:
    """The page after the cursor `after`, before the cursor `before`, or the first page.

    `queryset` must not be ordered yet: the ordering is applied here, ending on a unique field.
    """
    ordering = tuple(ordering)
    if before:
        values = read_cursor(before, ordering)
        backwards = queryset.filter(beyond(ordering, values, backwards=True)).order_by(
            *order_by(ordering, backwards=True)
        )
        rows = list(backwards[: size + 1])
        more_before = len(rows) > size
        rows = rows[:size]
        rows.reverse()
        return KeysetPage(
            rows=rows,
            next_cursor=cursor_of(rows[-1], ordering) if rows else "",
            previous_cursor=cursor_of(rows[0], ordering) if rows and more_before else "",
            ordering=ordering,
        )
    forwards = queryset.order_by(*order_by(ordering))
    if after:
        forwards = forwards.filter(beyond(ordering, read_cursor(after, ordering)))
    rows = list(forwards[: size + 1])
    more_after = len(rows) > size
    rows = rows[:size]
    return KeysetPage(
        rows=rows,
        next_cursor=cursor_of(rows[-1], ordering) if rows and more_after else "",
        previous_cursor=cursor_of(rows[0], ordering) if rows and after else "",
        ordering=ordering,
    )


# The API's one paginator
# -----------------------------------------------------------------------------------------------------
# Every list operation of the API pages the same way: `?cursor=` (an opaque token) and `?page_size=` (1 to
# PAGE_SIZE, default PAGE_SIZE) in, `{"results": [...], "next": url | null, "previous": url | null}` out; a
# client follows `next` until it is null. No total is counted. `settings.NINJA_PAGINATION_CLASS` names
# `BoundedCursorPagination`, so a new router writes `@paginate(ordering=("-pk",))` and gets it.
# Bounded (security review F7): ninja's cursor decoding raised pydantic's ValidationError, which nothing
# caught (500); an absurd id overflowed SQLite.
# Ids are 64-bit signed integers in PostgreSQL and SQLite alike.
LARGEST_ID = 2**63 - 1

API_PAGINATION = (
    "Every list pages the same way: pass `cursor` (an opaque token) and optionally `page_size` "
    f'(at most {PAGE_SIZE}); the answer is `{{"results": [...], "next": url or null, '
    '"previous": url or null}`. Follow `next` until it is null; no total is counted.'
)


def check_id(value: int | None, *, field: str) -> None:
    """Refuse (400) an id beyond what the database can hold, naming the field."""
    if value is not None and not (-LARGEST_ID <= value <= LARGEST_ID):
        raise BadRequest(_("%(field)s: no such id (out of range).") % {"field": field})


class BoundedCursorPagination(CursorPagination):
    """The API's one paginator: ninja's cursor pagination, 400 for a damaged or out-of-range cursor.

    The cursor holds the value of `ordering`'s first field and skips ties by counting them (fewer than
    100), so that field should be unique or nearly: order by `pk`, a code or a timestamp, not a status. `present`, when given, turns one page of rows into what the operation answers, so work per row
    (a scorecard, a serialised dict) is done for one page only.
    """

    def __init__(
        self,
        *,
        ordering: tuple[str, ...] = ("-pk",),
        present: Callable[[list[Any]], list[Any]] | None = None,
        page_size: int = PAGE_SIZE,
        max_page_size: int = PAGE_SIZE,
        **kwargs: Any,
    ) -> None:
        super().__init__(ordering=ordering, page_size=page_size, max_page_size=max_page_size, **kwargs)
        self.present = present

    def paginate_queryset(self, queryset: Any, pagination: Any, request: Any, **params: Any) -> Any:
        try:
            position = self.Cursor.from_encoded_param(pagination.cursor).p
            if position is not None:  # a value the sort field cannot hold fails here, before any query
                queryset.filter(**{self._order_attribute: position})
        except (PydanticValidationError, NinjaValidationError, DjangoValidationError, ValueError, TypeError):
            raise BadRequest(_("cursor: this page link is damaged or out of range.")) from None
        page = super().paginate_queryset(queryset, pagination, request, **params)
        if self.present is not None:
            page[self.items_attribute] = self.present(page[self.items_attribute])
        return page


class CursorPage(Schema):
    """The envelope of a list that is not a queryset (a ranked search): the same as the paginator's."""

    next: str | None
    previous: str | None


def ranked_page_number(request: HttpRequest, cursor: str | None) -> int:
    """The page a ranked list's `cursor` points at (1 without one); 400 for a damaged or absurd cursor.

    A relevance ranking has no column to seek on, so its cursor carries the page number, in the same token
    format as `BoundedCursorPagination`'s: a client cannot tell the two apart and follows `next` either way.
    """
    try:
        position = BoundedCursorPagination.Cursor.from_encoded_param(cursor).p
    except (PydanticValidationError, NinjaValidationError, ValueError):
        raise BadRequest(_("cursor: this page link is damaged or out of range.")) from None
    try:
        return page_number(position)
    except BadRequest:
        raise BadRequest(_("cursor: this page link is damaged or out of range.")) from None


def ranked_links(request: HttpRequest, number: int, *, has_next: bool) -> dict[str, str | None]:
    """`next` and `previous` of a ranked list's page `number`, as the paginator writes them."""
    url = request.build_absolute_uri()

    def link(page: int) -> str | None:
        return CursorPagination._add_cursor_to_URL(url, BoundedCursorPagination.Cursor(p=str(page)))

    return {
        "next": link(number + 1) if has_next else None,
        "previous": link(number - 1) if number > 1 else None,
    }
