"""The filing assessment API takes the packs to run."""


def test_the_packs_parameter_chooses_packs(client, alice, alpha):
    client.force_login(alice)
    response = client.get(
        f"/api/assessment/enterprises/{alpha.pk}/assessment", {"packs": "cn.miit.srdi-sme.2022"}
    )
    assert list(response.json()["explanations"]) == ["cn.miit.srdi-sme.2022"]
