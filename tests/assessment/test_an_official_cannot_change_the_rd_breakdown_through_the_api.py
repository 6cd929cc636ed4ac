"""An official cannot change the R&D breakdown through the API."""

import pytest

from tests.assessment.test_the_api_calculates_the_rd_super_deduction import GOOD, put

pytestmark = pytest.mark.django_db


def test_an_official_cannot_change_the_breakdown(client, hangzhou_reviewer, alpha):
    client.force_login(hangzhou_reviewer)
    assert client.get(f"/api/assessment/enterprises/{alpha.pk}/rd-calculation").status_code == 200
    assert put(client, alpha, GOOD).status_code == 403
