"""Every page of the service network renders for the people who use it and refuses the others."""

from __future__ import annotations

import pytest
from django.urls import reverse

from littlegiant.services import services


@pytest.fixture
def filed(alice, alpha, xihu_centre):
    return services.file_request(alpha, by=alice, category="financing", title="贷款", description="说明")


def test_the_enterprise_sees_home_catalogue_form_and_its_request(client, alice, filed):
    client.force_login(alice)
    for name in ["services:home", "services:catalogue", "services:requests", "services:request_new"]:
        assert client.get(reverse(name)).status_code == 200, name
    page = client.get(reverse("services:request", args=[filed.pk]))
    assert page.status_code == 200
    assert "西湖区中小企业服务站" in page.content.decode()


def test_staff_see_their_queue_on_the_home_page(client, carol, filed):
    client.force_login(carol)
    page = client.get(reverse("web:home")).content.decode()
    assert "贷款" in page
    assert client.get(reverse("services:scorecards")).status_code == 200


def test_reviewers_see_coverage_and_scorecards(client, provincial_reviewer, filed):
    client.force_login(provincial_reviewer)
    assert client.get(reverse("services:coverage")).status_code == 200
    assert client.get(reverse("services:scorecards")).status_code == 200


def test_an_enterprise_cannot_open_coverage(client, alice):
    client.force_login(alice)
    response = client.get(reverse("services:coverage"))
    assert response.status_code == 403


def test_the_administrator_sees_everything(client, admin, filed):
    client.force_login(admin)
    for name in ["services:coverage", "services:scorecards", "services:data_quality", "services:requests"]:
        assert client.get(reverse(name)).status_code == 200, name
    assert client.get(reverse("services:coverage") + "?region=330000").status_code == 200
    assert client.get(reverse("services:coverage") + "?region=330100").status_code == 200
    assert client.get(reverse("services:coverage") + "?region=110000").status_code == 200
    assert client.get(reverse("services:province_map")).status_code == 200
