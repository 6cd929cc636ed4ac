"""The coverage and scorecard pages run in a fixed number of queries, however big the network."""

from __future__ import annotations

import random

import pytest
from django.urls import reverse
from django.utils import timezone

from littlegiant.services.demo import build_network, build_request_history, staff_counsellors

# Session, user, roles and the page's own grouped queries; the same bound for a tiny and a big network.
MAX_QUERIES = 22


@pytest.fixture
def big_network(admin, alice, bob, alpha, beta):
    network = build_network(random.Random(5), total=1800, log=lambda message: None)
    counsellors = staff_counsellors([i for items in network.by_region.values() for i in items])
    # Requests lived through the services (the demo's history): routed, answered, closed and rated.
    build_request_history(
        random.Random(5),
        enterprises=[alpha, beta],
        filer_of=lambda enterprise: alice if enterprise == alpha else bob,
        counsellor_of=lambda institution: counsellors[institution.pk],
        count=60,
        end=timezone.now(),
        log=lambda message: None,
    )


@pytest.mark.parametrize(
    "url",
    [
        reverse("services:coverage"),
        reverse("services:coverage") + "?region=330000",
        reverse("services:coverage") + "?region=330100",
        reverse("services:scorecards"),
        reverse("services:scorecards") + "?level=county&page=2",
    ],
)
def test_the_page_stays_within_the_bound(client, admin, big_network, django_assert_max_num_queries, url):
    client.force_login(admin)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(url)
    assert response.status_code == 200


def test_a_tiny_network_takes_no_fewer_queries_than_it_should(
    client, admin, hangzhou_centre, django_assert_max_num_queries
):
    client.force_login(admin)
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(reverse("services:scorecards")).status_code == 200
