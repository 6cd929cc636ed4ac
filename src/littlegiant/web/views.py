"""The home page, which differs by role, and a health check."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from littlegiant.web.roles import roles_of


def home(request: HttpRequest) -> HttpResponse:
    """Signed out: the public entry points. Signed in: one section per role the person holds."""
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    return _home(request)


@login_required
def _home(request: HttpRequest) -> HttpResponse:
    return render(request, "web/home.html", {"roles": roles_of(request.user)})


@require_GET
def health(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
