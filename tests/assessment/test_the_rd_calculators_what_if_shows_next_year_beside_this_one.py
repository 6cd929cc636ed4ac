"""The R&D calculator's what-if shows next year beside this one."""

import pytest

from tests.assessment.test_a_member_saves_the_rd_breakdown_and_sees_the_saving import GOOD, url

pytestmark = pytest.mark.django_db


def test_the_what_if_shows_next_year_beside_this_one(client, alice, alpha):
    client.force_login(alice)
    client.post(url(alpha), GOOD)
    page = client.get(url(alpha) + "&extra=100000").content.decode()
    assert 'id="what-if-tax_saving"' in page and "650,000.00" in page
