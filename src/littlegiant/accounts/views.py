"""Sign in (throttled, with the demo accounts listed in demo mode) and sign out."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views

from littlegiant.accounts.demo import DEMO_PASSWORD, demo_accounts
from littlegiant.accounts.forms import SignInForm


class SignInView(auth_views.LoginView):
    """The sign-in page."""

    template_name = "accounts/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        # Demo accounts are shown only on a demo: a real platform never lists who may sign in.
        context["demo_accounts"] = demo_accounts() if settings.DEMO else []
        context["demo_password"] = DEMO_PASSWORD if settings.DEMO else ""
        return context


class SignOutView(auth_views.LogoutView):
    """Sign out (POST only), back to the sign-in page."""
