"""The address a request came from: REMOTE_ADDR, or a trusted reverse proxy's header when one is configured.

Security review F6: every per-address counter (sign-in failures, objections) was keyed on REMOTE_ADDR, which is
the proxy's own address behind a reverse proxy, so five strangers' failures locked everybody. A proxy's header
is believed only when the request comes from an address listed in TRUSTED_PROXIES; otherwise anyone could
write the header and pick their own address.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings


def _address(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def client_address(request: object) -> str | None:
    """The client's address: the nearest address in the proxy header not itself a trusted proxy, when the
    request comes from a trusted proxy (settings.TRUSTED_PROXIES); REMOTE_ADDR otherwise."""
    meta = getattr(request, "META", {}) or {}
    remote = _address(meta.get("REMOTE_ADDR") or "")
    trusted = set(settings.TRUSTED_PROXIES)
    if remote is None or remote not in trusted:
        return remote
    header = "HTTP_" + settings.CLIENT_ADDRESS_HEADER.upper().replace("-", "_")
    # Each proxy appends the address it received from: read from the right, past our own proxies.
    for entry in reversed((meta.get(header) or "").split(",")):
        address = _address(entry)
        if address is None:
            break
        if address not in trusted:
            return address
    return remote
