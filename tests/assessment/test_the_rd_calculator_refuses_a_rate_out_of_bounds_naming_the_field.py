"""A parameter out of its bounds (the rate may be 0 to 5, the pack says) is refused on the R&D calculator page
with an error naming the field; the result stays the pack's own, not overridden."""

import pytest
from django.urls import reverse

from tests.assessment.test_a_member_saves_the_rd_breakdown_and_sees_the_saving import GOOD

pytestmark = pytest.mark.django_db


def test_a_rate_of_6_is_refused_naming_the_rate_and_the_result_keeps_the_packs_rate(client, alice, alpha):
    client.force_login(alice)
    page_url = reverse("assessment:rd_calculator", args=[alpha.pk])
    client.post(page_url + "?year=2025", GOOD)
    response = client.get(page_url, {"year": "2025", "rate": "6"})
    assert response.status_code == 422
    page = response.content.decode()
    assert 'id="rate-error"' in page
    assert 'id="overridden-rate"' not in page
    assert "550,000.00" in page
