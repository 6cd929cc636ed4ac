"""The R&D calculator API names a bad field."""

import pytest

from tests.assessment.test_the_api_calculates_the_rd_super_deduction import put

pytestmark = pytest.mark.django_db


def test_a_bad_field_is_named(client, alice, alpha):
    client.force_login(alice)
    response = put(client, alpha, {"rd_personnel": "lots", "employees": 5})
    assert response.status_code == 422
    fields = {error["field"] for error in response.json()["errors"]}
    assert "employees" in fields
