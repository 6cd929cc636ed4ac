from littlegiant.rules import registry


def test_the_list_has_every_pack(client, alice):
    client.force_login(alice)
    body = client.get("/api/assessment/packs").json()
    assert [p["id"] for p in body] == registry.ids()
