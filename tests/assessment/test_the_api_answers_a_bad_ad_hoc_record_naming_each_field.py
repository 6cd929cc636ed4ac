"""The API answers a bad ad-hoc record naming each field."""

from tests.assessment.test_the_api_assesses_an_ad_hoc_record import _post


def test_a_bad_record_gets_errors_naming_each_field(client, alice):
    client.force_login(alice)
    record = {
        "rd_expense": "lots",
        "national_niche_market_share": "6",
        "own_brand": "perhaps",
        "colour": "red",
    }
    response = _post(client, {"record": record})
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert fields == {"rd_expense", "national_niche_market_share", "own_brand", "colour"}
