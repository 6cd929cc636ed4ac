"""The pack API answers 404 for an unknown pack."""


def test_an_unknown_pack_is_404(client, alice):
    client.force_login(alice)
    assert client.get("/api/assessment/packs/cn.nowhere.1").status_code == 404
