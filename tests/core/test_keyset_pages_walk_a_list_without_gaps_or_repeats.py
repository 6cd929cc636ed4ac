"""Keyset pages, forwards then backwards, visit every row once in order, nulls included; a bad cursor is 400."""

import pytest
from django.core.exceptions import BadRequest

from littlegiant.accounts.models import User
from littlegiant.pagination import SortKey, keyset_page, read_cursor

ORDERING = (SortKey("last_login", descending=True, nullable=True, kind=str), SortKey("pk"))
BY_NAME = (SortKey("first_name", kind=str), SortKey("pk"))


@pytest.fixture
def people(db):
    names = ["d", "a", "c", "a", "b", "e", "b"]
    return [User.objects.create(username=f"u{i}", first_name=name) for i, name in enumerate(names)]


def test_forward_pages_cover_every_row_once_in_order(people):
    seen, after = [], ""
    while True:
        page = keyset_page(User.objects.all(), BY_NAME, after=after, size=3)
        seen.extend(page.rows)
        if not page.has_next:
            break
        after = page.next_cursor
    expected = sorted(people, key=lambda user: (user.first_name, user.pk))
    assert [user.pk for user in seen] == [user.pk for user in expected]


def test_going_back_returns_the_previous_page(people):
    first = keyset_page(User.objects.all(), BY_NAME, size=3)
    second = keyset_page(User.objects.all(), BY_NAME, after=first.next_cursor, size=3)
    back = keyset_page(User.objects.all(), BY_NAME, before=second.previous_cursor, size=3)
    assert [user.pk for user in back.rows] == [user.pk for user in first.rows]
    assert not back.has_previous and second.has_previous


def test_nulls_sort_first_in_a_descending_field(people):
    page = keyset_page(User.objects.all(), ORDERING, size=100)
    assert len(page.rows) == len(people)


@pytest.mark.parametrize(
    "cursor", ["!!!", "WzFd", "WzEsICJ4Il0", "WzEsIDk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5XQ"]
)
def test_a_damaged_cursor_is_a_bad_request(cursor):
    with pytest.raises(BadRequest):
        read_cursor(cursor, BY_NAME)
