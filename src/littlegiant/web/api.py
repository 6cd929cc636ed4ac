"""The HTTP API (django-ninja), with its OpenAPI schema at /api/openapi.json and docs at /api/docs.

Each domain app contributes a router from its own `api.py`. Authentication is the browser session
(with CSRF) or, for scripts, the same session cookie; every endpoint starts from a `for_user()` queryset.
"""

from __future__ import annotations

from importlib import import_module

from ninja import NinjaAPI
from ninja.security import django_auth

api = NinjaAPI(
    title="Little Giant API",
    version="1",
    description="Enterprises, criteria assessment, recognition, service network and technology transfer.",
    auth=django_auth,
    urls_namespace="api",
)

for app, prefix in [
    ("enterprises", "/enterprises/"),
    ("assessment", "/assessment/"),
    ("recognition", "/recognition/"),
    ("services", "/services/"),
    ("techtransfer", "/techtransfer/"),
]:
    module = import_module(f"littlegiant.{app}.api")
    api.add_router(prefix, module.router, tags=[app])
