"""The scenarios API (issue 13 §5): list, create, run, status, result and movers, with the shared error body
(a band gap names the changed number as the field) and cursor pagination of the movers."""

from tests.cast import COUNTY_A
from tests.scenarios.conftest import REVENUE_THRESHOLD, SRDI_2022, add_firm, revenue


def _post(client, url, body):
    return client.post(url, body, content_type="application/json")


def test_a_scenario_is_created_run_and_its_movers_paged(
    client, hangzhou_reviewer, alpha, django_capture_on_commit_callbacks
):
    for n in range(3):
        add_firm(COUNTY_A, f"MA6A000{n}", f"杭州测试{n}有限公司", **revenue("30000000"))
    client.force_login(hangzhou_reviewer)
    numbers = client.get(f"/api/scenarios/packs/{SRDI_2022}/numbers").json()
    assert {"key": REVENUE_THRESHOLD, "value": "10000000"}.items() <= next(
        n for n in numbers if n["key"] == REVENUE_THRESHOLD
    ).items()
    created = _post(
        client,
        "/api/scenarios/",
        {
            "name": "5000万",
            "base_pack_id": SRDI_2022,
            "year": 2025,
            "changes": {REVENUE_THRESHOLD: "50000000"},
        },
    )
    assert created.status_code == 201, created.content
    scenario = created.json()
    assert (scenario["region"], scenario["kind"]) == ("330100", "variant")
    with django_capture_on_commit_callbacks(execute=True):
        started = _post(client, f"/api/scenarios/{scenario['id']}/runs", {})
    assert started.status_code == 202, started.content
    run_id = started.json()["id"]
    status = client.get(f"/api/scenarios/runs/{run_id}").json()
    assert (status["status"], status["total"], status["percent"]) == ("done", 4, 100)
    result = client.get(f"/api/scenarios/runs/{run_id}/result").json()
    assert (result["losses"], result["gains"]) == (3, 0)
    assert result["by_region"] == [{"key": COUNTY_A, "name": "西湖区", "gains": 0, "losses": 3, "shifts": 0}]
    first = client.get(f"/api/scenarios/runs/{run_id}/movers?page_size=2").json()
    assert len(first["results"]) == 2 and first["next"]
    second = client.get(first["next"]).json()
    names = {m["name"] for m in first["results"] + second["results"]}
    assert names == {f"杭州测试{n}有限公司" for n in range(3)}
    assert all(m["moved_by"] == ["revenue_condition"] for m in first["results"])
    assert [s["id"] for s in client.get("/api/scenarios/").json()["results"]] == [scenario["id"]]


def test_a_band_gap_is_refused_naming_the_changed_number(client, hangzhou_reviewer):
    client.force_login(hangzhou_reviewer)
    response = _post(
        client,
        "/api/scenarios/",
        {
            "name": "gap",
            "base_pack_id": SRDI_2022,
            "year": 2025,
            "changes": {"criterion.main_share.band.2.to": "0.75"},
        },
    )
    assert response.status_code == 422
    error = response.json()["errors"][0]
    assert error["field"] == "changes.criterion.main_share.band.2.to"
    assert "gap" in error["message"]


def test_an_enterprise_owner_cannot_model(client, alice):
    client.force_login(alice)
    assert client.get("/api/scenarios/").status_code == 403
    assert (
        _post(client, "/api/scenarios/", {"name": "x", "base_pack_id": SRDI_2022, "year": 2025}).status_code
        == 403
    )
