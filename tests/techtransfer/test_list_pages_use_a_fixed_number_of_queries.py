"""List pages do not grow their query count with the number of rows (no N+1)."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from littlegiant.techtransfer import services
from tests.cast import PASSWORD
from tests.techtransfer.conftest import click_through, list_patent


def _many(olivia, hangzhou_university, alpha, alice, count=12):
    from littlegiant.techtransfer.patent_numbers import application_check_digit

    for serial in range(count):
        digits = f"2023100{serial:05d}"
        listing = list_patent(
            olivia, hangzhou_university, application_number=f"{digits}.{application_check_digit(digits)}"
        )
        services.accept_standard_licence(
            listing, enterprise=alpha, by=alice, click=click_through(), today=date(2026, 1, 5)
        )


def test_search_results_take_a_fixed_number_of_queries(
    client, olivia, hangzhou_university, alpha, alice, django_assert_max_num_queries
):
    _many(olivia, hangzhou_university, alpha, alice)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("techtransfer:home"), {"q": "锂电池"})
    assert response.content.decode().count('class="tt-hit"') == 12


def test_the_licence_list_takes_a_fixed_number_of_queries(
    client, olivia, hangzhou_university, alpha, alice, django_assert_max_num_queries
):
    _many(olivia, hangzhou_university, alpha, alice)
    client.login(username="alice", password=PASSWORD)
    with django_assert_max_num_queries(12):
        client.get(reverse("techtransfer:licences"))
    client.login(username="olivia", password=PASSWORD)
    with django_assert_max_num_queries(12):
        client.get(reverse("techtransfer:mine"))
