"""F6 of the security review: failures under a user name lock that name at that address only.

Five failures for a name from one address used to lock the name everywhere, so anyone could keep a reviewer
locked out with five requests every fifteen minutes. An address guessing many names still meets a ceiling.
"""

import pytest

from tests.cast import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def limits(settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    settings.LOGIN_FAILURE_ADDRESS_LIMIT = 6
    settings.LOGIN_FAILURE_WINDOW_SECONDS = 900


def _sign_in(client, username, password, address):
    credentials = {"username": username, "password": password}
    return client.post("/accounts/login/", credentials, REMOTE_ADDR=address, HTTP_ACCEPT_LANGUAGE="en")


def test_alice_signs_in_from_her_address_while_a_stranger_is_locked(client, alice):
    for _ in range(5):
        _sign_in(client, "ALICE", "guess", "203.0.113.7")
    assert "locked" in _sign_in(client, "alice", PASSWORD, "203.0.113.7").content.decode()
    assert "_auth_user_id" not in client.session
    response = _sign_in(client, "alice", PASSWORD, "198.51.100.2")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(alice.pk)


def test_her_success_does_not_reset_the_strangers_count(client, alice):
    for _ in range(3):
        _sign_in(client, "alice", "guess", "203.0.113.7")
    _sign_in(client, "alice", PASSWORD, "198.51.100.2")
    client.post("/accounts/logout/")
    assert "locked" in _sign_in(client, "alice", PASSWORD, "203.0.113.7").content.decode()


def test_an_address_guessing_many_names_meets_the_ceiling(client, alice):
    for index in range(6):
        _sign_in(client, f"name{index}", "guess", "203.0.113.7")
    response = _sign_in(client, "alice", PASSWORD, "203.0.113.7")
    assert "from this address" in response.content.decode()
    assert "_auth_user_id" not in client.session
