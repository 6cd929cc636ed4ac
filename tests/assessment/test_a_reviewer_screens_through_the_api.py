def test_the_run_is_created_and_its_downloads_listed(
    client, hangzhou_reviewer, alpha, django_capture_on_commit_callbacks
):
    client.force_login(hangzhou_reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/api/assessment/screenings",
            {"packs": ["cn.miit.srdi-sme.2022"], "year": 2025},
            content_type="application/json",
        )
    assert response.status_code == 201, response.content
    run_id = response.json()["id"]
    body = client.get(f"/api/assessment/screenings/{run_id}").json()
    assert (body["status"], body["total"], body["region"]) == ("done", 1, "330100")
    assert set(body["downloads"]) == {"xlsx", "csv", "parquet"}
    assert client.get(body["downloads"]["csv"]).status_code == 200
    assert [r["id"] for r in client.get("/api/assessment/screenings").json()["results"]] == [run_id]
