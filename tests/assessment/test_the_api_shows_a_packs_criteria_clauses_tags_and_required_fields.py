"""The API shows a pack's criteria, clauses, tags and required fields."""


def test_a_pack_shows_its_criteria_clauses_tags_and_required_fields(client, alice):
    client.force_login(alice)
    body = client.get("/api/assessment/packs/cn.miit.srdi-sme.2022").json()
    assert "rd_expense" in body["required_fields"]
    assert all(c["clause"] and c["confidence"] in {"C", "S", "U"} for c in body["criteria"])
