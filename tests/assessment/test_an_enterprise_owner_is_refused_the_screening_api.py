"""An enterprise owner is refused the screening API."""


def test_the_api_refuses(client, alice):
    client.force_login(alice)
    response = client.post(
        "/api/assessment/screenings",
        {"packs": ["cn.miit.srdi-sme.2022"], "year": 2025},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert "审核人员" in response.json()["detail"]
