"""The filing assessment API names an unknown pack."""


def test_an_unknown_pack_is_named(client, alice, alpha):
    client.force_login(alice)
    response = client.get(f"/api/assessment/enterprises/{alpha.pk}/assessment", {"packs": "cn.nowhere.1"})
    assert response.status_code == 422
    assert "cn.nowhere.1" in response.json()["detail"]
