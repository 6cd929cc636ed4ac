import pytest
from django.core.exceptions import PermissionDenied

from littlegiant.assessment.models import ScreeningRun
from littlegiant.assessment.services import start_screening


def test_the_service_refuses_with_a_reason(alice):
    with pytest.raises(PermissionDenied, match="reviewers|审核人员"):
        start_screening(alice, ["cn.miit.srdi-sme.2022"], 2025)
    assert not ScreeningRun.objects.exists()
