"""The ad-hoc assessment API names an unknown pack."""

from tests.assessment.test_the_api_assesses_an_ad_hoc_record import _post


def test_an_unknown_pack_is_named(client, alice):
    client.force_login(alice)
    response = _post(client, {"record": {"employees": 10}, "packs": ["cn.nowhere.1"]})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "packs"
