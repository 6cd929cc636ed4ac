"""The home page, which differs by role, and a health check."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from littlegiant.accounts.roles import roles_of
from littlegiant.web.home import section_for


def home(request: HttpRequest) -> HttpResponse:
    """Signed out: the public entry points. Signed in: one section per role the person holds."""
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    return _home(request)


@login_required
def _home(request: HttpRequest) -> HttpResponse:
    sections = [(role, section_for(request.user, role)) for role in roles_of(request.user)]
    return render(request, "web/home.html", {"sections": sections})


@require_GET
def health(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
