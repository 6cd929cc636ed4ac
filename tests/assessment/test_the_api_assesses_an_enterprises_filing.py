def test_it_returns_the_ladder_and_every_applicable_pack(client, alice, alpha):
    client.force_login(alice)
    response = client.get(f"/api/assessment/enterprises/{alpha.pk}/assessment")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["year"] == 2025
    assert body["ladder"]["steps"]
    assert all(doc["schema"] == "littlegiant.explanation/1" for doc in body["explanations"].values())


def test_the_packs_parameter_chooses_packs(client, alice, alpha):
    client.force_login(alice)
    response = client.get(
        f"/api/assessment/enterprises/{alpha.pk}/assessment", {"packs": "cn.miit.srdi-sme.2022"}
    )
    assert list(response.json()["explanations"]) == ["cn.miit.srdi-sme.2022"]


def test_an_unknown_pack_is_named(client, alice, alpha):
    client.force_login(alice)
    response = client.get(f"/api/assessment/enterprises/{alpha.pk}/assessment", {"packs": "cn.nowhere.1"})
    assert response.status_code == 422
    assert "cn.nowhere.1" in response.json()["detail"]


def test_one_packs_explanation(client, alice, alpha):
    client.force_login(alice)
    response = client.get(f"/api/assessment/enterprises/{alpha.pk}/explanations/cn.miit.srdi-sme.2022")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["schema"] == "littlegiant.explanation/1"
    assert body["pack"]["id"] == "cn.miit.srdi-sme.2022"
    assert body["criteria"][0]["clause"]


def test_an_outsider_gets_404(client, bob, alpha):
    client.force_login(bob)
    assert client.get(f"/api/assessment/enterprises/{alpha.pk}/assessment").status_code == 404
    assert (
        client.get(f"/api/assessment/enterprises/{alpha.pk}/explanations/cn.miit.srdi-sme.2022").status_code
        == 404
    )


def test_signed_out_is_refused(client, alpha):
    assert client.get(f"/api/assessment/enterprises/{alpha.pk}/assessment").status_code == 401
