"""The API offers the same operations as the pages, through the same services and permissions."""

from tests.cast import PASSWORD


def test_apply_submit_and_pass_through_the_api(client, srdi_programme, alice, alpha, hangzhou_reviewer):
    client.login(username="alice", password=PASSWORD)
    assert [p["id"] for p in client.get("/api/recognition/programmes").json()["results"]] == [
        srdi_programme.pk
    ]
    created = client.post(
        "/api/recognition/applications",
        {"programme_id": srdi_programme.pk, "enterprise_id": alpha.pk},
        content_type="application/json",
    )
    assert created.status_code == 201
    pk = created.json()["id"]
    refused = client.post(
        f"/api/recognition/applications/{pk}/submission",
        {"pledge": False, "version": 0},
        content_type="application/json",
    )
    # The one error body of the API: the field at fault is named in `errors`.
    assert refused.status_code == 422
    assert [item["field"] for item in refused.json()["errors"]] == ["pledge"]
    submitted = client.post(
        f"/api/recognition/applications/{pk}/submission",
        {"pledge": True, "version": 0},
        content_type="application/json",
    )
    assert submitted.json()["status"] == "in_review"
    client.logout()

    client.login(username="hangzhou_reviewer", password=PASSWORD)
    queue = client.get("/api/recognition/queue").json()["results"]
    assert [row["id"] for row in queue] == [pk]
    detail = client.get(f"/api/recognition/applications/{pk}").json()
    assert detail["explanation"]["schema"] == "littlegiant.explanation/1"
    stale = client.post(
        f"/api/recognition/applications/{pk}/decision",
        {"decision": "pass", "version": 0},
        content_type="application/json",
    )
    assert stale.status_code == 409
    passed = client.post(
        f"/api/recognition/applications/{pk}/decision",
        {"decision": "pass", "version": detail["version"]},
        content_type="application/json",
    )
    assert passed.json()["status"] == "stage_passed"
