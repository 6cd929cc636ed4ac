"""Through the API an official creates lists and runs policies within the city."""

import json

from tests.policies.test_the_policy_api_answers_422_naming_a_bad_condition import _body, _client


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
