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


def test_an_official_creates_lists_and_runs_within_the_city(alice, beta, hangzhou_reviewer, ningbo_policy, settings, django_capture_on_commit_callbacks,
                                                           tmp_path):  # fmt: skip
    settings.MEDIA_ROOT = tmp_path
    client = _client(hangzhou_reviewer)
    created = client.post("/api/policies/", _body(), content_type="application/json")
    assert created.status_code == 201
    policy = created.json()
    assert policy["region"] == "330100"
    listed = client.get("/api/policies/").json()["results"]
    assert [p["id"] for p in listed] == [policy["id"]]
    assert client.get(f"/api/policies/{ningbo_policy.pk}").status_code == 404
    assert (
        client.put(f"/api/policies/{ningbo_policy.pk}", "{}", content_type="application/json").status_code
        == 404
    )
    changed = client.put(f"/api/policies/{policy['id']}", json.dumps({"title": "改名"}),
                         content_type="application/json")  # fmt: skip
    assert changed.json()["title"] == "改名"

    with django_capture_on_commit_callbacks(execute=True):  # the immediate task backend runs it at commit
        run = client.post(
            f"/api/policies/{policy['id']}/runs", json.dumps({"year": 2025}), content_type="application/json"
        )
    assert run.status_code == 202
    found = client.get(f"/api/policies/runs/{run.json()['id']}").json()
    assert found["status"] == "done" and found["qualifying"] == 1
    page = client.get(f"/api/policies/runs/{found['id']}/enterprises").json()
    assert [row["name"] for row in page["results"]] == ["杭州阿尔法光电科技有限公司"]
    assert "next" in page


def test_an_owner_reads_the_matches_of_its_own_enterprise_only(alice, alpha, beta, hangzhou_policy):
    client = _client(alice)
    matches = client.get(f"/api/policies/enterprises/{alpha.pk}/matches").json()
    assert [m["title"] for m in matches["qualifies"]] == [hangzhou_policy.title]
    assert client.get(f"/api/policies/enterprises/{beta.pk}/matches").status_code == 404
    refused = client.post("/api/policies/", _body(), content_type="application/json")
    assert refused.status_code == 403 and refused.json()["detail"]
