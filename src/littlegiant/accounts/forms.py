"""The sign-in form, throttled by user name and by address."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from littlegiant.accounts.services import (
    clear_sign_in_failures,
    minutes_until,
    record_sign_in_failure,
    sign_in_locked_until,
)


def client_address(request: object) -> str | None:
    """The address the request came from, as the server saw it (a proxy in front must set REMOTE_ADDR)."""
    meta = getattr(request, "META", {}) or {}
    return meta.get("REMOTE_ADDR") or None


class SignInForm(AuthenticationForm):
    """User name and password; after too many failures, further attempts are refused for a while."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "locked": _(
            "Too many failed sign-ins for this user name or from this address. "
            "Sign-in is locked: try again in %(minutes)d minutes."
        ),
    }

    def clean(self) -> dict[str, object]:
        username = self.cleaned_data.get("username") or ""
        address = client_address(self.request)
        locked_until = sign_in_locked_until(username, address)
        if locked_until is not None:
            raise forms.ValidationError(
                self.error_messages["locked"], code="locked", params={"minutes": minutes_until(locked_until)}
            )
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            record_sign_in_failure(username, address)
            raise
        clear_sign_in_failures(username)
        return cleaned
