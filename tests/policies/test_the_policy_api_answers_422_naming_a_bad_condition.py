"""API (django-ninja): catalogue list/detail/create/update scoped, matches for an enterprise, qualifying
enterprises for a policy with cursor pagination; errors through api_errors (brief, part 4)."""

import json

from django.test import Client

from tests.policies.conftest import policy_data


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _body(**overrides):
    data = policy_data(**overrides)
    data["valid_from"] = data["valid_from"].isoformat()
    return json.dumps(data)


def test_a_bad_condition_answers_422_naming_the_field(hangzhou_reviewer):
    conditions = [
        {"label": "x", "expression": "rd_expense >= 1"},
        {"label": "y", "expression": "nonsense > 1"},
    ]
    response = _client(hangzhou_reviewer).post(
        "/api/policies/", _body(conditions=conditions), content_type="application/json"
    )
    assert response.status_code == 422
    (error,) = response.json()["errors"]
    assert error["field"] == "conditions.2.expression" and "nonsense" in error["message"]
