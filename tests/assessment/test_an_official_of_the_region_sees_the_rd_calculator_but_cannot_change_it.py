"""An official of the region sees the R&D calculator but cannot change it."""

import pytest

from tests.assessment.test_a_member_saves_the_rd_breakdown_and_sees_the_saving import GOOD, url

pytestmark = pytest.mark.django_db


def test_an_official_of_the_region_sees_the_page_but_cannot_change_it(client, hangzhou_reviewer, alpha):
    client.force_login(hangzhou_reviewer)
    assert client.get(url(alpha)).status_code == 200
    assert client.post(url(alpha), GOOD).status_code == 403
    assert alpha.filings.get(year=2025).rd_personnel is None
