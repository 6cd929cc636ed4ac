"""X-Forwarded-Proto is believed only from our own proxies (docs/operations.md, "Behind a reverse proxy")."""

from __future__ import annotations

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory, override_settings

from littlegiant.web.middleware import forwarded_proto_only_from_proxies

PROXY_SSL = ("HTTP_X_FORWARDED_PROTO", "https")


def _is_secure(remote: str) -> bool:
    seen: dict[str, bool] = {}

    def view(request: HttpRequest) -> HttpResponse:
        seen["secure"] = request.is_secure()
        return HttpResponse()

    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_PROTO="https")
    forwarded_proto_only_from_proxies(view)(request)
    return seen["secure"]


@override_settings(SECURE_PROXY_SSL_HEADER=PROXY_SSL, TRUSTED_PROXIES=[])
@pytest.mark.parametrize("remote", ["127.0.0.1", "::1"])
def test_a_proxy_on_the_same_machine_is_believed_when_no_proxy_is_listed(remote: str) -> None:
    assert _is_secure(remote)


@override_settings(SECURE_PROXY_SSL_HEADER=PROXY_SSL, TRUSTED_PROXIES=[])
def test_a_client_reaching_the_server_directly_cannot_claim_https() -> None:
    assert not _is_secure("203.0.113.9")


@override_settings(SECURE_PROXY_SSL_HEADER=PROXY_SSL, TRUSTED_PROXIES=["10.0.0.5"])
def test_only_the_listed_proxy_is_believed_once_proxies_are_listed() -> None:
    assert _is_secure("10.0.0.5")
    assert not _is_secure("127.0.0.1")
