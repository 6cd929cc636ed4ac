"""Failures leave the count once they are older than LOGIN_FAILURE_WINDOW_SECONDS."""

from datetime import timedelta

from django.utils import timezone

from littlegiant.accounts.models import LoginFailure
from littlegiant.accounts.services import sign_in_locked_until
from tests.cast import PASSWORD


def test_old_failures_do_not_lock(client, alice, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    settings.LOGIN_FAILURE_WINDOW_SECONDS = 600
    for _ in range(3):
        LoginFailure.objects.create(username="alice", address="10.0.0.1")
    LoginFailure.objects.update(created_at=timezone.now() - timedelta(seconds=601))

    credentials = {"username": "alice", "password": PASSWORD}
    response = client.post("/accounts/login/", credentials, REMOTE_ADDR="10.0.0.1")

    assert response.status_code == 302


def test_the_lock_lifts_when_the_limit_th_newest_failure_leaves_the_window(db, settings):
    settings.LOGIN_FAILURE_LIMIT = 2
    settings.LOGIN_FAILURE_WINDOW_SECONDS = 600
    now = timezone.now()
    for seconds_ago in (500, 100):
        failure = LoginFailure.objects.create(username="bob", address=None)
        LoginFailure.objects.filter(pk=failure.pk).update(created_at=now - timedelta(seconds=seconds_ago))

    assert sign_in_locked_until("bob", None, now=now) == now + timedelta(seconds=100)
