"""The page paginator answers bad page numbers with 400 and pages past the end with 404, never a 500."""

import pytest
from django.core.exceptions import BadRequest
from django.http import Http404
from django.test import RequestFactory

from littlegiant.pagination import MAX_PAGE, page_number, page_of


@pytest.mark.parametrize("raw", ["abc", "0", "-1", "1.5", str(2**63), str(MAX_PAGE + 1), "9" * 5000])
def test_a_bad_page_number_is_a_bad_request(raw):
    with pytest.raises(BadRequest):
        page_number(raw)


def test_a_missing_page_is_the_first():
    assert page_number(None) == 1 and page_number("") == 1 and page_number("3") == 3


def test_a_page_past_the_end_is_not_found():
    request = RequestFactory().get("/", {"page": "3", "q": "x"})
    with pytest.raises(Http404):
        page_of(list(range(60)), request, size=50)


def test_a_page_knows_its_neighbours_and_keeps_the_filters():
    page = page_of(list(range(120)), RequestFactory().get("/", {"page": "2", "q": "x"}), size=50)
    assert page.rows == list(range(50, 100))
    assert page.has_next and page.has_previous and page.query == "q=x"


def test_an_empty_first_page_is_not_an_error():
    page = page_of([], RequestFactory().get("/"), size=50)
    assert page.rows == [] and not page.has_next and not page.has_previous
