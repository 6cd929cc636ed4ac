"""A reviewer acts only at their level and inside their region: in the services, on the web and in the API."""

import pytest
from django.core.exceptions import PermissionDenied

from littlegiant.recognition import services
from littlegiant.recognition.models import ApplicationStatus
from tests.cast import PASSWORD
from tests.recognition.conftest import through_the_city_stage


def test_another_citys_reviewer_is_refused_with_a_reason(submitted, ningbo_reviewer):
    with pytest.raises(PermissionDenied, match="outside your jurisdiction"):
        services.pass_stage(submitted, by=ningbo_reviewer)


def test_the_provincial_reviewer_cannot_act_at_the_municipal_stage(submitted, provincial_reviewer):
    with pytest.raises(PermissionDenied, match="(?i)municipal stage"):
        services.return_for_correction(submitted, by=provincial_reviewer, note="fix it")
    submitted.refresh_from_db()
    assert submitted.status == ApplicationStatus.IN_REVIEW


def test_the_enterprise_cannot_pass_its_own_application(submitted, alice):
    with pytest.raises(PermissionDenied, match="Only reviewers"):
        services.pass_stage(submitted, by=alice)


def test_the_city_reviewer_cannot_act_once_it_is_at_the_province(submitted, hangzhou_reviewer):
    through_the_city_stage(submitted, hangzhou_reviewer)
    assert submitted.current_stage.level == "provincial"
    with pytest.raises(PermissionDenied, match="(?i)provincial stage"):
        services.reject(submitted, by=hangzhou_reviewer, reason="other", comment="no")


def test_the_web_page_hides_another_citys_application(client, submitted, ningbo_reviewer):
    client.login(username="ningbo_reviewer", password=PASSWORD)
    response = client.post(
        f"/recognition/applications/{submitted.pk}/decide/",
        {"decision": "pass", "version": submitted.version},
    )
    assert response.status_code == 404


def test_the_web_page_shows_the_reason_to_a_reviewer_at_the_wrong_level(
    client, submitted, provincial_reviewer
):
    client.login(username="provincial_reviewer", password=PASSWORD)
    response = client.post(
        f"/recognition/applications/{submitted.pk}/decide/",
        {"decision": "pass", "version": submitted.version},
        follow=True,
    )
    shown = [str(message) for message in response.context["messages"]]
    assert len(shown) == 1 and "Municipal" in shown[0] or "市" in shown[0]
    submitted.refresh_from_db()
    assert submitted.status == ApplicationStatus.IN_REVIEW


def test_the_api_answers_403_with_the_reason(client, submitted, provincial_reviewer):
    client.login(username="provincial_reviewer", password=PASSWORD)
    response = client.post(
        f"/api/recognition/applications/{submitted.pk}/decision",
        {"decision": "pass", "version": submitted.version},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert response.json()["detail"]


def test_the_api_answers_404_outside_the_jurisdiction(client, submitted, ningbo_reviewer):
    client.login(username="ningbo_reviewer", password=PASSWORD)
    response = client.post(
        f"/api/recognition/applications/{submitted.pk}/decision",
        {"decision": "pass", "version": submitted.version},
        content_type="application/json",
    )
    assert response.status_code == 404
