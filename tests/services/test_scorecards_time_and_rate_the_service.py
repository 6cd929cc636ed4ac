"""Scorecards: received, served, median time to first answer and to resolution, satisfaction, free share."""

from __future__ import annotations

import pytest

from littlegiant.services import services
from littlegiant.services.models import RequestAssignment
from littlegiant.services.scorecards import scorecards


def _served(
    alice, alpha, carol, *, answer_hours: float, resolution_hours: float, free: bool, score: int | None
):
    request = services.file_request(alpha, by=alice, category="financing", title="贷款", description="说明")
    services.accept(request, by=carol)
    services.close(request, by=carol, resolution="完成", free_of_charge=free)
    # Rewrite the timers to known values (the services stamp them with the clock).
    RequestAssignment.objects.filter(request=request).update(
        response_seconds=int(answer_hours * 3600), resolution_seconds=int(resolution_hours * 3600)
    )
    if score is not None:
        services.rate(request, by=alice, score=score)
    return request


@pytest.fixture
def served_three(alice, alpha, carol):
    _served(alice, alpha, carol, answer_hours=2, resolution_hours=24, free=True, score=5)
    _served(alice, alpha, carol, answer_hours=4, resolution_hours=48, free=True, score=4)
    _served(alice, alpha, carol, answer_hours=30, resolution_hours=240, free=False, score=None)


def test_the_county_institutions_card(served_three, xihu_centre):
    (card,) = scorecards([xihu_centre])
    assert (card.received, card.served, card.declined) == (3, 3, 0)
    assert card.median_answer_seconds == 4 * 3600
    assert card.median_resolution_seconds == 48 * 3600
    assert str(card.median_answer_hours) == "4.0"
    assert str(card.median_resolution_days) == "2.0"
    assert (card.ratings, str(card.satisfaction)) == (2, "4.50")
    assert str(card.free_share) == "66.7"


def test_an_even_number_of_values_takes_the_middle_mean(alice, alpha, carol, xihu_centre):
    _served(alice, alpha, carol, answer_hours=1, resolution_hours=10, free=True, score=None)
    _served(alice, alpha, carol, answer_hours=3, resolution_hours=20, free=True, score=None)
    (card,) = scorecards([xihu_centre])
    assert card.median_answer_seconds == 2 * 3600


def test_a_decline_counts_as_received_and_answered_not_served(
    alice, alpha, carol, xihu_centre, hangzhou_centre
):
    request = services.file_request(alpha, by=alice, category="financing", title="贷款", description="说明")
    services.decline(request, by=carol, reason="无能力")
    county, city = scorecards([xihu_centre, hangzhou_centre])
    assert (county.received, county.served, county.declined) == (1, 0, 1)
    assert county.median_answer_seconds is not None
    assert (city.received, city.open_now) == (1, 1)


def test_an_institution_with_no_requests_has_empty_figures(national_centre):
    (card,) = scorecards([national_centre])
    assert card.received == 0 and card.median_answer_seconds is None and card.satisfaction is None
    assert card.free_share is None
