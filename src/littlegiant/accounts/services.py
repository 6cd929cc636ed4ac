"""Sign-in throttling: failed attempts are kept per user name and per address, and too many lock sign-in."""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from littlegiant.accounts.models import LoginFailure


def _window() -> timedelta:
    return timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS)


def sign_in_locked_until(
    username: str, address: str | None, *, now: datetime | None = None
) -> datetime | None:
    """When sign-in opens again for this user name from this address, or None if it is not locked.

    Locked when LOGIN_FAILURE_LIMIT failures of this user name from this address, or LOGIN_FAILURE_ADDRESS_LIMIT
    failures from this address under any names, fall within the window; it opens again when the oldest of
    those failures leaves the window. Failures from elsewhere never lock a name here (security review F6:
    anyone could keep a known user locked out by failing under their name every 15 minutes).
    """
    now = now or timezone.now()
    recent = LoginFailure.objects.filter(created_at__gte=now - _window())
    same_address = Q(address=address) if address else Q(address__isnull=True)
    opens_at: datetime | None = None
    for condition, limit in (
        (Q(username__iexact=username) & same_address, settings.LOGIN_FAILURE_LIMIT),
        (same_address if address else None, settings.LOGIN_FAILURE_ADDRESS_LIMIT),
    ):
        if condition is None:
            continue
        times = list(
            recent.filter(condition).order_by("-created_at").values_list("created_at", flat=True)[:limit]
        )
        if len(times) >= limit:
            # The lock lifts when failures in the window drop below the limit: the limit-th newest one leaves.
            candidate = times[limit - 1] + _window()
            opens_at = max(opens_at, candidate) if opens_at else candidate
    return opens_at


def minutes_until(moment: datetime, *, now: datetime | None = None) -> int:
    """Whole minutes from now until the moment, at least one (for the lock-out message)."""
    seconds = (moment - (now or timezone.now())).total_seconds()
    return max(1, math.ceil(seconds / 60))


def record_sign_in_failure(username: str, address: str | None) -> LoginFailure:
    """Note a failed sign-in, and forget failures that have left the window."""
    with transaction.atomic():
        LoginFailure.objects.filter(created_at__lt=timezone.now() - _window()).delete()
        return LoginFailure.objects.create(username=username[:150], address=address or None)


def clear_sign_in_failures(username: str, address: str | None) -> int:
    """A successful sign-in forgets the failures under that user name from that address.

    Failures from other addresses stay (they may be a guesser's), and so do the address's failures under other
    names: a guesser who also holds an account must not reset the address count.
    """
    same_address = Q(address=address) if address else Q(address__isnull=True)
    deleted, _ = LoginFailure.objects.filter(same_address, username__iexact=username).delete()
    return deleted
