"""The recognition operations appear in the OpenAPI schema."""


def test_the_schema_lists_the_decision_and_verification(client):
    schema = client.get("/api/openapi.json").json()
    paths = set(schema["paths"])
    assert "/api/recognition/applications/{pk}/decision" in paths
    assert "/api/recognition/certificates/{code}" in paths
    assert "/api/recognition/programmes/{pk}/recognition" in paths
