"""The filing assessment API gives one pack's explanation."""


def test_one_packs_explanation(client, alice, alpha):
    client.force_login(alice)
    response = client.get(f"/api/assessment/enterprises/{alpha.pk}/explanations/cn.miit.srdi-sme.2022")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["schema"] == "littlegiant.explanation/1"
    assert body["pack"]["id"] == "cn.miit.srdi-sme.2022"
    assert body["criteria"][0]["clause"]
