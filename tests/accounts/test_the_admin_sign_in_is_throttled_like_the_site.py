"""F4 of the security review: /admin/login/ records failures and locks like /accounts/login/.

Ten wrong passwords for `admin` at the admin's sign-in, then the right one, used to be accepted.
"""

import pytest

from littlegiant.accounts.models import LoginFailure
from tests.cast import PASSWORD

pytestmark = pytest.mark.django_db


def _admin_sign_in(client, password):
    credentials = {"username": "admin", "password": password, "next": "/admin/"}
    return client.post("/admin/login/", credentials, REMOTE_ADDR="203.0.113.9", HTTP_ACCEPT_LANGUAGE="en")


def test_the_right_password_after_the_limit_is_refused(client, admin, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    for _ in range(3):
        assert _admin_sign_in(client, "guess").status_code == 200
    assert LoginFailure.objects.filter(username="admin", address="203.0.113.9").count() == 3
    response = _admin_sign_in(client, PASSWORD)
    assert response.status_code == 200
    assert "Sign-in is locked" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_below_the_limit_the_administrator_signs_in(client, admin, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    _admin_sign_in(client, "guess")
    response = _admin_sign_in(client, PASSWORD)
    assert response.status_code == 302
    assert not LoginFailure.objects.filter(username="admin").exists()
