"""Through the API an owner reads the policy matches of its own enterprise only."""

from tests.policies.test_the_policy_api_answers_422_naming_a_bad_condition import _body, _client


def test_an_owner_reads_the_matches_of_its_own_enterprise_only(alice, alpha, beta, hangzhou_policy):
    client = _client(alice)
    matches = client.get(f"/api/policies/enterprises/{alpha.pk}/matches").json()
    assert [m["title"] for m in matches["qualifies"]] == [hangzhou_policy.title]
    assert client.get(f"/api/policies/enterprises/{beta.pk}/matches").status_code == 404
    refused = client.post("/api/policies/", _body(), content_type="application/json")
    assert refused.status_code == 403 and refused.json()["detail"]
