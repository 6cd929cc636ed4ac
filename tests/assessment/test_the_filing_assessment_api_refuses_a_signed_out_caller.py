"""The filing assessment API refuses a signed-out caller."""


def test_signed_out_is_refused(client, alpha):
    assert client.get(f"/api/assessment/enterprises/{alpha.pk}/assessment").status_code == 401
