from littlegiant.web.api import api


def test_each_endpoint_and_its_response_schema_is_published():
    schema = api.get_openapi_schema()
    paths = schema["paths"]
    for path in [
        "/api/assessment/enterprises/{pk}/assessment",
        "/api/assessment/enterprises/{pk}/explanations/{pack_id}",
        "/api/assessment/assess",
        "/api/assessment/packs",
        "/api/assessment/packs/{pack_id}",
        "/api/assessment/screenings",
        "/api/assessment/screenings/{pk}",
    ]:
        assert path in paths, path
    components = schema["components"]["schemas"]
    assert {"Explanation", "CriterionResult", "Gap", "AssessmentOut", "PackDetailOut", "ScreeningOut"} <= set(
        components
    )
