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
