"""The screening API names an unknown pack."""


def test_an_unknown_pack_is_named(client, hangzhou_reviewer):
    client.force_login(hangzhou_reviewer)
    response = client.post(
        "/api/assessment/screenings",
        {"packs": ["cn.nowhere.1"], "year": 2025},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "packs"
