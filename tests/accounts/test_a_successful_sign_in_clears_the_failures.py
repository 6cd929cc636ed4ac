"""A successful sign-in forgets the failures under that user name."""

from littlegiant.accounts.models import LoginFailure
from tests.cast import PASSWORD


def test_the_failures_under_the_user_name_are_deleted(client, alice, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    for _ in range(2):
        client.post("/accounts/login/", {"username": "alice", "password": "wrong"})
    assert LoginFailure.objects.filter(username="alice").count() == 2

    response = client.post("/accounts/login/", {"username": "alice", "password": PASSWORD})

    assert response.status_code == 302
    assert not LoginFailure.objects.filter(username="alice").exists()


def test_two_more_failures_then_do_not_lock(client, alice, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    for _ in range(2):
        client.post("/accounts/login/", {"username": "alice", "password": "wrong"})
    client.post("/accounts/login/", {"username": "alice", "password": PASSWORD})
    client.post("/accounts/logout/")
    for _ in range(2):
        client.post("/accounts/login/", {"username": "alice", "password": "wrong"})
    response = client.post("/accounts/login/", {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302
