"""The R&D calculator refuses a negative item naming the field and saves nothing."""

import pytest

from tests.assessment.test_a_member_saves_the_rd_breakdown_and_sees_the_saving import GOOD, url

pytestmark = pytest.mark.django_db


def test_a_negative_item_is_refused_naming_the_field_and_nothing_is_saved(client, alice, alpha):
    client.force_login(alice)
    response = client.post(url(alpha), {**GOOD, "rd_personnel": "-5"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 422
    page = response.content.decode()
    assert 'id="rd_personnel-error"' in page
    assert alpha.filings.get(year=2025).rd_personnel is None
