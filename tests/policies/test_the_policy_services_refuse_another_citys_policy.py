"""The policy services refuse another city's policy."""

import pytest
from django.core.exceptions import PermissionDenied

from littlegiant.policies.services import create_policy, update_policy
from tests.policies.conftest import policy_data


def test_the_services_refuse_another_citys_policy(hangzhou_reviewer, ningbo_policy):
    with pytest.raises(PermissionDenied):
        update_policy(ningbo_policy, {"title": "改"}, by=hangzhou_reviewer)
    with pytest.raises(PermissionDenied):
        create_policy(policy_data(region="330200"), by=hangzhou_reviewer)
