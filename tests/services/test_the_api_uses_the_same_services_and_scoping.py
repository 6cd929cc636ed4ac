"""The API: filing, answering and rating go through the same services and permission checks as the pages."""

from __future__ import annotations

import json
from datetime import date

import pytest

ENGLISH = {"accept-language": "en"}


def _post(client, url, payload):
    return client.post(url, data=json.dumps(payload), content_type="application/json", headers=ENGLISH)


@pytest.fixture
def filed(client, alice, alpha, xihu_centre):
    client.force_login(alice)
    response = _post(
        client,
        "/api/services/requests",
        {
            "enterprise_id": alpha.pk,
            "category": "financing",
            "title": "贷款",
            "description": "说明",
        },
    )
    assert response.status_code == 201, response.content
    return response.json()


def test_filing_routes_to_the_county_institution(filed, xihu_centre):
    assert filed["status"] == "routed" and filed["institution_id"] == xihu_centre.pk


def test_a_decline_without_reason_is_a_422_naming_the_field(client, filed, carol, hangzhou_centre):
    client.force_login(carol)
    response = _post(client, f"/api/services/requests/{filed['id']}/decline", {"reason": " "})
    assert response.status_code == 422
    assert "reason" in response.json()["detail"]


def test_staff_of_another_institution_get_a_404(client, filed, nina):
    client.force_login(nina)
    response = _post(client, f"/api/services/requests/{filed['id']}/accept", {"comment": ""})
    assert response.status_code == 404


def test_the_whole_service_and_a_single_rating(client, filed, carol, alice):
    client.force_login(carol)
    url = f"/api/services/requests/{filed['id']}"
    assert _post(client, f"{url}/accept", {"comment": "好"}).status_code == 200
    session = {"held_on": date.today().isoformat(), "mode": "phone", "contact_minutes": 30}
    assert _post(client, f"{url}/sessions", session).status_code == 201
    early = {"held_on": "2020-01-05", "mode": "phone", "contact_minutes": 30}
    assert "before the request was filed" in _post(client, f"{url}/sessions", early).json()["detail"]
    assert (
        _post(client, f"{url}/close", {"resolution": "完成", "free_of_charge": True}).json()["status"]
        == "closed"
    )
    client.force_login(alice)
    assert _post(client, f"{url}/rating", {"score": 4}).status_code == 201
    again = _post(client, f"{url}/rating", {"score": 1})
    assert again.status_code == 403 and "already been rated" in again.json()["detail"]


def test_coverage_needs_a_reviewer(client, alice, provincial_reviewer, xihu_centre):
    client.force_login(alice)
    assert client.get("/api/services/coverage?region=330000").status_code == 403
    client.force_login(provincial_reviewer)
    body = client.get("/api/services/coverage?region=330000").json()
    assert body["total"]["counties_covered"] == 1
    assert client.get("/api/services/coverage?region=320000").status_code == 403


def test_scorecards_are_paginated_and_scoped(client, hangzhou_reviewer, filed, ningbo_centre):
    client.force_login(hangzhou_reviewer)
    body = client.get("/api/services/scorecards?page_size=10").json()
    names = {item["institution"] for item in body["results"]}
    assert "西湖区中小企业服务站" in names and "宁波市中小企业服务中心" not in names
    assert body["next"] is None and len(body["results"]) == len(names)
