def test_it_returns_the_ladder_and_every_applicable_pack(client, alice, alpha):
    client.force_login(alice)
    response = client.get(f"/api/assessment/enterprises/{alpha.pk}/assessment")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["year"] == 2025
    assert body["ladder"]["steps"]
    assert all(doc["schema"] == "littlegiant.explanation/1" for doc in body["explanations"].values())
