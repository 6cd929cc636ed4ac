"""Permission boundaries: staff see only their institution's current requests; an enterprise only its own."""

from __future__ import annotations

import pytest
from django.urls import reverse

from littlegiant.services import services
from littlegiant.services.models import ServiceRequest


@pytest.fixture
def alphas_request(alice, alpha, xihu_centre):
    return services.file_request(alpha, by=alice, category="financing", title="贷款", description="说明")


@pytest.fixture
def betas_request(bob, beta, ningbo_centre):
    return services.file_request(beta, by=bob, category="financing", title="融资", description="说明")


def test_staff_of_another_institution_never_see_the_request(alphas_request, betas_request, nina, carol):
    assert list(ServiceRequest.objects.for_user(nina)) == [betas_request]
    assert list(ServiceRequest.objects.for_user(carol)) == [alphas_request]


def test_another_institutions_staff_get_a_404_on_the_page(client, alphas_request, nina):
    client.force_login(nina)
    assert client.get(reverse("services:request", args=[alphas_request.pk])).status_code == 404
    response = client.post(reverse("services:request_action", args=[alphas_request.pk, "accept"]), {})
    assert response.status_code == 404


def test_once_passed_upward_the_county_no_longer_sees_it(alphas_request, carol, dave):
    services.decline(alphas_request, by=carol, reason="无能力")
    assert not ServiceRequest.objects.for_user(carol).exists()
    assert list(ServiceRequest.objects.for_user(dave)) == [alphas_request]


def test_an_enterprise_sees_only_its_own_requests(alphas_request, betas_request, alice, bob):
    assert list(ServiceRequest.objects.for_user(alice)) == [alphas_request]
    assert list(ServiceRequest.objects.for_user(bob)) == [betas_request]


def test_an_enterprise_gets_a_404_on_another_enterprises_request(client, alphas_request, betas_request, bob):
    client.force_login(bob)
    assert client.get(reverse("services:request", args=[alphas_request.pk])).status_code == 404


def test_a_municipal_reviewer_sees_the_requests_of_their_city_only(
    alphas_request, betas_request, hangzhou_reviewer, provincial_reviewer
):
    assert list(ServiceRequest.objects.for_user(hangzhou_reviewer)) == [alphas_request]
    assert set(ServiceRequest.objects.for_user(provincial_reviewer)) == {alphas_request, betas_request}


def test_the_request_list_shows_staff_only_their_queue(client, alphas_request, betas_request, nina):
    client.force_login(nina)
    page = client.get(reverse("services:requests")).content.decode()
    assert "融资" in page and "贷款" not in page


def test_an_enterprise_cannot_file_for_another_enterprise(client, alice, beta, ningbo_centre):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied, match="do not act for"):
        services.file_request(beta, by=alice, category="financing", title="x", description="y")
