"""Issue 17's API (django-ninja): the same services as the pages; a bad answer names its field; another city's
official cannot read the evaluation."""

from tests.digital.answers import FORTY, answers


def test_open_save_every_section_and_submit(client, alpha, alice) -> None:
    client.force_login(alice)
    opened = client.post(
        "/api/digital/evaluations", {"enterprise_id": alpha.pk, "year": 2025}, content_type="application/json"
    )
    assert opened.status_code == 200, opened.content
    pk = opened.json()["id"]
    for section in ("foundation", "management", "results", "operations"):
        saved = client.put(
            f"/api/digital/evaluations/{pk}/sections/{section}",
            {"answers": answers(**FORTY)},
            content_type="application/json",
        )
        assert saved.status_code == 200, saved.content
    body = client.post(
        f"/api/digital/evaluations/{pk}/submit", {"pledge": True}, content_type="application/json"
    ).json()
    assert (body["status"], body["total_points"], body["provisional_level"]) == ("submitted", "40", 2)
    level = client.get(f"/api/digital/enterprises/{alpha.pk}/level/2025").json()
    assert level["source"] == "miit" and level["level"] == 2  # the cast's filing has a MIIT-entered level 2


def test_a_bad_percentage_answers_422_naming_the_item(client, alpha, alice) -> None:
    client.force_login(alice)
    pk = client.post(
        "/api/digital/evaluations", {"enterprise_id": alpha.pk, "year": 2025}, content_type="application/json"
    ).json()["id"]
    response = client.put(
        f"/api/digital/evaluations/{pk}/sections/foundation",
        {"answers": {"q2": "120"}},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["q2"]


def test_another_citys_official_cannot_read_it(client, alpha, alice, ningbo_reviewer) -> None:
    client.force_login(alice)
    pk = client.post(
        "/api/digital/evaluations", {"enterprise_id": alpha.pk, "year": 2025}, content_type="application/json"
    ).json()["id"]
    client.force_login(ningbo_reviewer)
    assert client.get(f"/api/digital/evaluations/{pk}").status_code == 404
    assert client.get("/api/digital/tracker").status_code == 200
