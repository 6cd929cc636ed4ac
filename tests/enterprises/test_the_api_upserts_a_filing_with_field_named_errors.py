"""PUT /api/enterprises/{pk}/filings/{year}: the import's checks, errors named by field, history kept."""

import json

import pytest

from littlegiant.enterprises.models import AnnualFiling

pytestmark = pytest.mark.django_db


def _put(client, enterprise, year, body):
    return client.put(
        f"/api/enterprises/{enterprise.pk}/filings/{year}",
        json.dumps(body),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )


def test_alice_changes_two_fields_and_keeps_the_rest(client, alice, alpha):
    client.force_login(alice)
    response = _put(client, alpha, 2025, {"employees": 190, "net_profit": "-12.50", "own_brand": "否"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["employees"], body["net_profit"], body["own_brand"], body["rd_staff"]) == (
        190,
        "-12.50",
        False,
        41,
    )
    filing = AnnualFiling.objects.get(enterprise=alpha, year=2025)
    assert filing.history.first().history_user == alice


def test_a_new_year_is_created(client, alice, alpha):
    client.force_login(alice)
    response = _put(client, alpha, 2024, {"employees": 150})
    assert response.status_code == 201
    assert AnnualFiling.objects.get(enterprise=alpha, year=2024).employees == 150


def test_bad_values_are_named_by_field(client, alice, alpha):
    client.force_login(alice)
    response = _put(
        client, alpha, 2025, {"employees": -1, "national_niche_market_share": 1.5, "own_brand": "maybe"}
    )
    assert response.status_code == 422
    errors = {error["field"]: error["message"] for error in response.json()["errors"]}
    assert errors["employees"] == "cannot be negative"
    assert set(errors) == {"employees", "national_niche_market_share", "own_brand"}


def test_a_conflict_with_stored_values_is_named(client, alice, alpha):
    client.force_login(alice)
    response = _put(client, alpha, 2025, {"rd_staff": 500})
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "rd_staff", "message": "R&D staff (500) cannot exceed persons employed (180)"}
    ]


def test_a_reviewer_is_refused_with_a_reason(client, hangzhou_reviewer, alpha):
    client.force_login(hangzhou_reviewer)
    response = _put(client, alpha, 2025, {"employees": 1})
    assert response.status_code == 403
    assert "owner" in response.json()["detail"]


def test_the_api_is_in_the_openapi_schema(client, admin):
    client.force_login(admin)
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {
        "/api/enterprises/",
        "/api/enterprises/{pk}",
        "/api/enterprises/{pk}/filings/{year}",
        "/api/enterprises/import",
        "/api/enterprises/export",
    } <= set(paths)
