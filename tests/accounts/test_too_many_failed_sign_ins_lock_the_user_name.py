"""After LOGIN_FAILURE_LIMIT failures for one user name from one address in the window, even the right password
is refused there (other addresses: test_a_stranger_cannot_keep_a_known_user_locked_out.py)."""

import pytest

from tests.cast import PASSWORD


@pytest.fixture
def limit(settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    settings.LOGIN_FAILURE_WINDOW_SECONDS = 600
    return 3


def _sign_in(client, username, password, address="10.0.0.1"):
    credentials = {"username": username, "password": password}
    return client.post("/accounts/login/", credentials, REMOTE_ADDR=address, HTTP_ACCEPT_LANGUAGE="en")


def test_the_right_password_is_refused_with_a_clear_message(client, alice, limit):
    for _ in range(limit):
        _sign_in(client, "alice", "wrong")
    response = _sign_in(client, "alice", PASSWORD)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "Sign-in is locked: try again in 10 minutes." in response.content.decode()


def test_the_chinese_page_says_so_in_chinese(client, alice, limit):
    for _ in range(limit):
        _sign_in(client, "alice", "wrong")
    credentials = {"username": "alice", "password": PASSWORD}
    response = client.post("/accounts/login/", credentials, REMOTE_ADDR="10.0.0.1")
    assert "登录已被锁定：请 10 分钟后再试。" in response.content.decode()


def test_fewer_failures_than_the_limit_do_not_lock(client, alice, limit):
    for _ in range(limit - 1):
        _sign_in(client, "alice", "wrong")
    response = _sign_in(client, "alice", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(alice.pk)
