"""The HTTP API (django-ninja), with its OpenAPI schema at /api/openapi.json and docs at /api/docs.

Each domain app contributes a router from its own `api.py`. Authentication is the browser session
(with CSRF) or, for scripts, the same session cookie; every endpoint starts from a `for_user()` queryset.
Errors have one shape and one status per kind (`littlegiant.api_errors`), handled here once for every app,
and the schema documents them on every operation. The docs page loads Swagger UI from our own static files
(`ninja` is an installed app), which the Content-Security-Policy allows; a foreign CDN would be blocked.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from ninja import NinjaAPI
from ninja.security import django_auth

from littlegiant.api_errors import document_errors, install_error_handlers
from littlegiant.pagination import API_PAGINATION

APPS: list[tuple[str, str]] = [
    ("enterprises", "/enterprises/"),
    ("assessment", "/assessment/"),
    ("recognition", "/recognition/"),
    ("services", "/services/"),
    ("techtransfer", "/techtransfer/"),
    ("digital", "/digital/"),
    ("policies", "/policies/"),
    ("scenarios", "/scenarios/"),
    ("clusters", "/clusters/"),
    ("dashboards", "/dashboards/"),
]


class LittleGiantAPI(NinjaAPI):
    """The API, whose OpenAPI schema documents the shared error body on every operation."""

    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params: Any = None) -> Any:
        return document_errors(super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params))


api = LittleGiantAPI(
    title="Little Giant API",
    version="1",
    description="Enterprises, criteria assessment, recognition, service network and technology transfer. "
    'Every error answers `{"detail": "…", "errors": [{"field": "…", "message": "…"}]}`. ' + API_PAGINATION,
    auth=django_auth,
    urls_namespace="api",
)
install_error_handlers(api)

for app, prefix in APPS:
    module = import_module(f"littlegiant.{app}.api")
    api.add_router(prefix, module.router, tags=[app])
