"""The screening API forbids a region outside the jurisdiction."""


def test_a_region_outside_the_jurisdiction_is_forbidden(client, hangzhou_reviewer):
    client.force_login(hangzhou_reviewer)
    response = client.post(
        "/api/assessment/screenings",
        {"packs": ["cn.miit.srdi-sme.2022"], "year": 2025, "region": "330200"},
        content_type="application/json",
    )
    assert response.status_code == 403
