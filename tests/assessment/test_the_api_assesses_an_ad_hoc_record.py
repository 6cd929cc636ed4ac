import json

from tests.cast import good_filing_values


def _post(client, body):
    return client.post(
        "/api/assessment/assess", json.dumps(body, default=str), content_type="application/json"
    )


def test_a_good_record_is_assessed(client, alice):
    client.force_login(alice)
    record = {**good_filing_values(), "industry_code": "3973", "year": 2025}
    response = _post(
        client, {"record": record, "packs": ["cn.miit.srdi-sme.2022"], "evaluation_date": "2026-03-01"}
    )
    assert response.status_code == 200, response.content
    assert response.json()["cn.miit.srdi-sme.2022"]["outcome"] == "qualified"


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


def test_an_unknown_pack_is_named(client, alice):
    client.force_login(alice)
    response = _post(client, {"record": {"employees": 10}, "packs": ["cn.nowhere.1"]})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "packs"
