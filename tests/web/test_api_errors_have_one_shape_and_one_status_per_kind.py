"""Every API error answers `{"detail", "errors": [{"field", "message"}]}` with one status per kind of error."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import NinjaAPI
from ninja.testing import TestClient

from littlegiant.api_errors import install_error_handlers
from littlegiant.conflicts import Conflict


def _api() -> NinjaAPI:
    api = NinjaAPI(urls_namespace="errors-test")
    install_error_handlers(api)

    @api.get("/refused")
    def refused(request):
        raise PermissionDenied("Outside your jurisdiction.")

    @api.get("/invalid")
    def invalid(request):
        raise ValidationError({"year": ["Too early."], "employees": ["Cannot be negative."]})

    @api.get("/missing")
    def missing(request):
        raise Http404

    @api.get("/stale")
    def stale(request):
        raise Conflict("Changed while you were looking.")

    @api.get("/typed")
    def typed(request, year: int):
        return {"year": year}

    return api


@pytest.fixture(scope="module")
def client():
    return TestClient(_api())


def test_a_refusal_is_403_with_its_reason(client):
    response = client.get("/refused")
    assert response.status_code == 403
    assert response.json() == {"detail": "Outside your jurisdiction.", "errors": []}


def test_invalid_fields_are_422_and_named(client):
    response = client.get("/invalid")
    assert response.status_code == 422
    assert {(e["field"], e["message"]) for e in response.json()["errors"]} == {
        ("year", "Too early."),
        ("employees", "Cannot be negative."),
    }


def test_a_request_that_fails_its_schema_is_422_in_the_same_shape(client):
    response = client.get("/typed?year=soon")
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["year"]
    assert set(response.json()) == {"detail", "errors"}


def test_not_found_is_404_and_stale_is_409(client):
    assert client.get("/missing").status_code == 404
    response = client.get("/stale")
    assert response.status_code == 409 and response.json()["detail"] == "Changed while you were looking."


@pytest.mark.django_db
def test_the_schema_documents_the_error_body_on_every_operation(client):
    from littlegiant.web.api import api

    schema = api.get_openapi_schema()
    assert "ErrorOut" in schema["components"]["schemas"]
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            for status in ("401", "403", "404", "422"):
                assert status in operation["responses"], f"{method.upper()} {path} lacks {status}"
