"""Guessing many user names from one address locks that address, not the people guessed at elsewhere."""

import pytest

from tests.cast import PASSWORD


@pytest.fixture(autouse=True)
def limit(settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    settings.LOGIN_FAILURE_ADDRESS_LIMIT = 3
    settings.LOGIN_FAILURE_WINDOW_SECONDS = 900


def _sign_in(client, username, password, address):
    credentials = {"username": username, "password": password}
    return client.post("/accounts/login/", credentials, REMOTE_ADDR=address, HTTP_ACCEPT_LANGUAGE="en")


def test_the_address_is_locked_for_every_user_name(client, alice):
    for name in ("carol", "dave", "erin"):
        _sign_in(client, name, "guess", "203.0.113.7")
    response = _sign_in(client, "alice", PASSWORD, "203.0.113.7")
    assert "_auth_user_id" not in client.session
    assert "from this address" in response.content.decode()


def test_the_same_person_signs_in_from_another_address(client, alice):
    for name in ("carol", "dave", "erin"):
        _sign_in(client, name, "guess", "203.0.113.7")
    response = _sign_in(client, "alice", PASSWORD, "198.51.100.2")
    assert response.status_code == 302
