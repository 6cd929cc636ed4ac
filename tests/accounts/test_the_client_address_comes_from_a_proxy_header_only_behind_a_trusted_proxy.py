"""F6 of the security review: behind a reverse proxy every request had the proxy's address, so counters keyed on
it (sign-in failures, objections) were global. The header is believed only from a configured trusted proxy."""

import pytest
from django.test import RequestFactory

from littlegiant.accounts.addresses import client_address
from littlegiant.accounts.models import LoginFailure

PROXY = "10.0.0.2"


def _request(remote: str, forwarded: str | None = None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_a_trusted_proxy_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert client_address(_request("203.0.113.5", "198.51.100.1")) == "203.0.113.5"


def test_from_a_trusted_proxy_the_nearest_untrusted_address_is_the_client(settings):
    settings.TRUSTED_PROXIES = [PROXY, "10.0.0.3"]
    # The client wrote a false first entry; our proxies appended the real one and their own.
    request = _request(PROXY, "1.2.3.4, 198.51.100.1, 10.0.0.3")
    assert client_address(request) == "198.51.100.1"


def test_a_request_not_from_the_proxy_cannot_choose_its_address(settings):
    settings.TRUSTED_PROXIES = [PROXY]
    assert client_address(_request("203.0.113.5", "198.51.100.1")) == "203.0.113.5"


def test_a_damaged_header_falls_back_to_the_proxy(settings):
    settings.TRUSTED_PROXIES = [PROXY]
    assert client_address(_request(PROXY, "not an address")) == PROXY


def test_the_configured_header_name_is_used(settings):
    settings.TRUSTED_PROXIES = [PROXY]
    settings.CLIENT_ADDRESS_HEADER = "X-Real-IP"
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_REAL_IP="198.51.100.7")
    assert client_address(request) == "198.51.100.7"


@pytest.mark.django_db
def test_sign_in_failures_behind_the_proxy_are_kept_per_client(client, settings):
    settings.TRUSTED_PROXIES = [PROXY]
    client.post(
        "/accounts/login/",
        {"username": "someone", "password": "guess"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="198.51.100.1",
    )
    assert list(LoginFailure.objects.values_list("address", flat=True)) == ["198.51.100.1"]
