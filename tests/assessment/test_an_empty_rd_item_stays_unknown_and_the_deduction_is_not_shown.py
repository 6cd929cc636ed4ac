"""An empty R&D item stays unknown and the deduction is not shown."""

import pytest

from tests.assessment.test_a_member_saves_the_rd_breakdown_and_sees_the_saving import GOOD, url

pytestmark = pytest.mark.django_db


def test_an_empty_item_stays_unknown_and_the_deduction_is_not_shown(client, alice, alpha):
    client.force_login(alice)
    response = client.post(url(alpha), {**GOOD, "rd_design_fees": ""})
    assert response.status_code == 200
    assert alpha.filings.get(year=2025).rd_design_fees is None
    assert 'id="result-additional_deduction"' in response.content.decode()
