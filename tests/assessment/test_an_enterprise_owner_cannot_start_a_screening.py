import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from littlegiant.assessment.models import ScreeningRun
from littlegiant.assessment.services import start_screening


def test_the_service_refuses_with_a_reason(alice):
    with pytest.raises(PermissionDenied, match="reviewers|审核人员"):
        start_screening(alice, ["cn.miit.srdi-sme.2022"], 2025)
    assert not ScreeningRun.objects.exists()


def test_the_page_refuses(client, alice):
    client.force_login(alice)
    assert client.get(reverse("assessment:screening")).status_code == 403
    response = client.post(
        reverse("assessment:screening"), {"packs": ["cn.miit.srdi-sme.2022"], "year": 2025}
    )
    assert response.status_code == 403
    assert not ScreeningRun.objects.exists()


def test_the_api_refuses(client, alice):
    client.force_login(alice)
    response = client.post(
        "/api/assessment/screenings",
        {"packs": ["cn.miit.srdi-sme.2022"], "year": 2025},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert "审核人员" in response.json()["detail"]
