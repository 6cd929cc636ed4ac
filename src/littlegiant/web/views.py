"""The home page, which differs by role (health and readiness live in `littlegiant.operations`)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

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
