"""The one shape of an API error, and the handlers that produce it for every kind of error.

Every error the API answers has the body `{"detail": "<sentence>", "errors": [{"field", "message"}]}`:
`detail` says what went wrong as a whole; `errors` names each bad field (empty when no field is at fault).
One status per kind: 400 malformed input outside the body schema (bad page or cursor), 401 not signed in,
403 refused (with the reason), 404 not found or not yours to see, 409 changed since you read it, 422 invalid
fields. A leaf module so each app's `api.py` can declare these responses without importing the project.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import BadRequest, ObjectDoesNotExist, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as RequestValidationError

from littlegiant.conflicts import Conflict

if TYPE_CHECKING:
    from ninja import NinjaAPI

NON_FIELD = "__all__"  # the field name of an error that concerns the whole request


class FieldErrorOut(Schema):
    """One bad field: its name (`__all__` for the request as a whole) and what is wrong with it."""

    field: str
    message: str


class ErrorOut(Schema):
    """Every API error: a sentence, and the fields at fault."""

    detail: str
    errors: list[FieldErrorOut] = []


# Statuses every operation may answer with the error body (merged into each operation's documented responses).
ERROR_STATUSES: dict[int, str] = {
    400: "Malformed request (a bad page number or cursor).",
    401: "Not signed in.",
    403: "Refused; `detail` gives the reason.",
    404: "Not found, or not yours to see.",
    409: "Changed since you read it; reload and try again.",
    422: "Invalid fields; `errors` names each one.",
}


def error_body(detail: str, errors: Iterable[tuple[str, str]] = ()) -> dict[str, Any]:
    """The body of an error response."""
    return {"detail": str(detail), "errors": [{"field": f, "message": str(m)} for f, m in errors]}


def field_errors(error: DjangoValidationError) -> list[tuple[str, str]]:
    """(field, message) pairs of a Django ValidationError; errors not tied to a field are `__all__`."""
    if hasattr(error, "error_dict"):
        return [(field, message) for field, messages in error.message_dict.items() for message in messages]
    return [(NON_FIELD, message) for message in error.messages]


def _request_field(location: Iterable[object]) -> str:
    # ninja locates an error as ("body", "<param>", "field", ...) or ("query", "field"): keep the field path.
    parts = [str(part) for part in location]
    if parts and parts[0] in {"body", "query", "path", "form", "file", "header", "cookie"}:
        parts = parts[1:]
    if len(parts) > 1 and parts[0] in {"payload", "data", "body"}:
        parts = parts[1:]
    return ".".join(parts) or NON_FIELD


def install_error_handlers(api: NinjaAPI) -> None:
    """Answer every kind of error with the one body and the one status for its kind."""

    def respond(request: HttpRequest, status: int, body: dict[str, Any]) -> HttpResponse:
        return api.create_response(request, body, status=status)

    def validation(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        errors = field_errors(exc)
        detail = " ".join(message for _field, message in errors) or _("The request has invalid fields.")
        return respond(request, 422, error_body(detail, errors))

    def request_validation(request: HttpRequest, exc: RequestValidationError) -> HttpResponse:
        errors = [(_request_field(item.get("loc", ())), str(item.get("msg", ""))) for item in exc.errors]
        return respond(request, 422, error_body(_("The request has invalid fields."), errors))

    def refused(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return respond(request, 403, error_body(str(exc) or _("You may not do this.")))

    def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
        return respond(request, 404, error_body(_("Not found.")))

    def conflict(request: HttpRequest, exc: Conflict) -> HttpResponse:
        return respond(request, 409, error_body(str(exc) or _("This changed while you were looking at it.")))

    def bad_request(request: HttpRequest, exc: BadRequest) -> HttpResponse:
        return respond(request, 400, error_body(str(exc) or _("Malformed request.")))

    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return respond(request, 401, error_body(_("Sign in first.")))

    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return respond(request, exc.status_code, error_body(str(exc)))

    api.add_exception_handler(DjangoValidationError, validation)
    api.add_exception_handler(RequestValidationError, request_validation)
    api.add_exception_handler(PermissionDenied, refused)
    api.add_exception_handler(Http404, not_found)
    api.add_exception_handler(ObjectDoesNotExist, not_found)
    api.add_exception_handler(Conflict, conflict)
    api.add_exception_handler(BadRequest, bad_request)
    api.add_exception_handler(AuthenticationError, unauthenticated)
    api.add_exception_handler(HttpError, http_error)


def document_errors(schema: dict[str, Any]) -> dict[str, Any]:
    """Add the error body and statuses to every operation of an OpenAPI schema (in place; returned)."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components["ErrorOut"] = ErrorOut.model_json_schema(ref_template="#/components/schemas/{model}")
    components.update(components["ErrorOut"].pop("$defs", {}))
    reference = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for status, description in ERROR_STATUSES.items():
                responses.setdefault(str(status), {"description": description, "content": reference})
    return schema
