"""Middleware of the platform: request bodies bounded before they are read; private responses never cached;
the HTTPS header of a proxy believed only from a proxy.

Security review F12: signed-in pages, exports and API answers (financial filings) carried no Cache-Control,
so a shared or browser cache could keep them; an over-limit upload was received whole before its form said
no. Both are decided here once, for every view.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from littlegiant.upload_limits import size_refusal

_LOOPBACK = frozenset({"127.0.0.1", "::1"})


def refuse_oversized_bodies(get_response: Callable[[HttpRequest], HttpResponse]):  # noqa: ANN201
    """Answer 413 to a request announcing a body over settings.MAX_REQUEST_BYTES, without reading it."""

    def middleware(request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        refusal = size_refusal(length, limit=settings.MAX_REQUEST_BYTES)
        if refusal:
            response = HttpResponse(
                _("The request is too large. %(refusal)s") % {"refusal": refusal},
                status=413,
                content_type="text/plain; charset=utf-8",
            )
            # The body was not read: the connection cannot carry another request.
            response["Connection"] = "close"
            return response
        return get_response(request)

    return middleware


def no_store_for_private_responses(get_response: Callable[[HttpRequest], HttpResponse]):  # noqa: ANN201
    """`Cache-Control: no-store, private` on every answer to a signed-in person and on every API answer."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        if signed_in or request.path.startswith("/api/"):
            add_never_cache_headers(response)
            response.headers["Cache-Control"] = response.headers["Cache-Control"] + ", private"
        return response

    return middleware


def forwarded_proto_only_from_proxies(get_response: Callable[[HttpRequest], HttpResponse]):  # noqa: ANN201
    """Drop `X-Forwarded-Proto` unless the request comes from one of our proxies.

    SECURE_PROXY_SSL_HEADER makes Django believe that header; without this, a client reaching the server
    directly could write it and be treated as on HTTPS. Our proxies are settings.TRUSTED_PROXIES or, when none
    is set, a proxy on the same machine (the deployment docs/operations.md describes).
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        trusted = frozenset(settings.TRUSTED_PROXIES) or _LOOPBACK
        if request.META.get("REMOTE_ADDR") not in trusted:
            request.META.pop("HTTP_X_FORWARDED_PROTO", None)
        return get_response(request)

    return middleware
