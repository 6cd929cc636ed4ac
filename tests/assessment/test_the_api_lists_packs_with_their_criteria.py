from littlegiant.rules import registry


def test_the_list_has_every_pack(client, alice):
    client.force_login(alice)
    body = client.get("/api/assessment/packs").json()
    assert [p["id"] for p in body] == registry.ids()


def test_a_pack_shows_its_criteria_clauses_tags_and_required_fields(client, alice):
    client.force_login(alice)
    body = client.get("/api/assessment/packs/cn.miit.srdi-sme.2022").json()
    assert "rd_expense" in body["required_fields"]
    assert all(c["clause"] and c["confidence"] in {"C", "S", "U"} for c in body["criteria"])


def test_an_unknown_pack_is_404(client, alice):
    client.force_login(alice)
    assert client.get("/api/assessment/packs/cn.nowhere.1").status_code == 404
