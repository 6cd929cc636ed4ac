"""An outsider gets 404 from the filing assessment API."""


def test_an_outsider_gets_404(client, bob, alpha):
    client.force_login(bob)
    assert client.get(f"/api/assessment/enterprises/{alpha.pk}/assessment").status_code == 404
    assert (
        client.get(f"/api/assessment/enterprises/{alpha.pk}/explanations/cn.miit.srdi-sme.2022").status_code
        == 404
    )
