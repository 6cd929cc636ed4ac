"""Decision D18's tracker, opened without a year: it shows the latest year for which some level is known, not an
empty current year (early in a year nobody has been evaluated for it yet)."""

from django.urls import reverse

from tests.cast import PASSWORD
from tests.digital.answers import SIXTY


def test_it_opens_on_the_latest_year_with_a_result(client, little_giants, alice, hangzhou_reviewer, submit):
    alpha, _beta = little_giants
    submit(alpha, alice, 2025, SIXTY)
    client.login(username=hangzhou_reviewer.username, password=PASSWORD)
    response = client.get(reverse("digital:tracker"))
    assert response.status_code == 200
    assert response.context["year"] == 2025


def test_a_year_asked_for_is_kept(client, little_giants, alice, hangzhou_reviewer, submit):
    alpha, _beta = little_giants
    submit(alpha, alice, 2025, SIXTY)
    client.login(username=hangzhou_reviewer.username, password=PASSWORD)
    response = client.get(reverse("digital:tracker"), {"year": "2024"})
    assert response.context["year"] == 2024
