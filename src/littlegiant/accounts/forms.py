"""The sign-in form, throttled by user name and by address."""

from __future__ import annotations

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from littlegiant.accounts.addresses import client_address
from littlegiant.accounts.services import (
    clear_sign_in_failures,
    minutes_until,
    record_sign_in_failure,
    sign_in_locked_until,
)


class SignInThrottle:
    """Refuses a locked (user name, address) pair before checking the password, and records each failure.

    Mixed into every form that signs people in: the site's and the admin's (security review F4).
    """

    error_messages = {
        **AuthenticationForm.error_messages,
        "locked": _(
            "Too many failed sign-ins for this user name or from this address. "
            "Sign-in is locked: try again in %(minutes)d minutes."
        ),
    }

    def clean(self) -> dict[str, object]:
        username = self.cleaned_data.get("username") or ""  # type: ignore[attr-defined]
        address = client_address(self.request)  # type: ignore[attr-defined]
        locked_until = sign_in_locked_until(username, address)
        if locked_until is not None:
            raise forms.ValidationError(
                self.error_messages["locked"], code="locked", params={"minutes": minutes_until(locked_until)}
            )
        try:
            cleaned = super().clean()  # type: ignore[misc]
        except forms.ValidationError:
            record_sign_in_failure(username, address)
            raise
        clear_sign_in_failures(username, address)
        return cleaned


class SignInForm(SignInThrottle, AuthenticationForm):
    """User name and password; after too many failures, further attempts are refused for a while."""


class AdminSignInForm(SignInThrottle, AdminAuthenticationForm):
    """The admin's sign-in (staff only), under the same throttle as the site's."""

    error_messages = {**AdminAuthenticationForm.error_messages, **SignInThrottle.error_messages}
