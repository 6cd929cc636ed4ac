"""The R&D calculator page takes the pack's parameters as the CLI does (`--param rate=1.2`), on screen and
without JavaScript (a plain GET form): the result is computed with the rate set and says so, naming the
parameter, its value and the pack's own (criteria.md §6, D12–D16)."""

import pytest
from django.urls import reverse

from tests.assessment.test_a_member_saves_the_rd_breakdown_and_sees_the_saving import GOOD

pytestmark = pytest.mark.django_db


def test_a_rate_of_1_2_gives_120_percent_of_the_base_and_the_page_says_it_is_overridden(client, alice, alpha):
    client.force_login(alice)
    page_url = reverse("assessment:rd_calculator", args=[alpha.pk])
    client.post(page_url + "?year=2025", GOOD)
    plain = client.get(page_url, {"year": "2025"}).content.decode()
    assert "550,000.00" in plain and 'id="overridden-rate"' not in plain
    response = client.get(page_url, {"year": "2025", "rate": "1.2"})
    assert response.status_code == 200
    page = response.content.decode()
    # 120% of the 550,000 yuan base (the general rate set to the listed enterprises' 1.2).
    assert "660,000.00" in page
    assert 'id="overridden-rate"' in page
    assert "120%" in page and "100%" in page
