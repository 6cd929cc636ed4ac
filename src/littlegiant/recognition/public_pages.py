"""The public pages everyone reads in a season, cached: the notices list, one notice, a certificate's verification.

In an application season the public reads the same few notices and verifies the same certificates again and
again; each read compiled and ran the same queries and rendered the same table. What is cached is the rendered
content of a page (never the whole page: every page carries its own CSRF token and CSP nonce), in Django's cache
framework. In production that is the database cache (settings.CACHES): one copy shared by every web worker and
every machine, so that the service that changes what a page shows (publishing or concluding a notice,
recognising or revoking a title) forgets it once, for all of them. A per-worker local-memory cache would be a
little faster to read but could not be forgotten in the other workers: a revoked title would still read as valid
there until its copy expired.

Each key carries the language and the date (a notice turns from running to ended, a title from valid to expired,
at midnight), and every copy expires after CACHE_SECONDS whatever happens: a change made outside these services
(the admin, a data fix) shows within that time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone, translation

CACHE_SECONDS = 300


def _key(kind: str, subject: object, language: str, day: str) -> str:
    return f"recognition:public:{kind}:{subject}:{language}:{day}"


def cached[T](kind: str, subject: object, build: Callable[[], T]) -> T:
    """The cached copy of `kind` for `subject` in the active language today, built and kept when missing."""
    if not str(subject).isascii() or not str(subject).isalnum():
        return build()  # a code as typed by anyone: never a cache key (no other page has it anyway)
    key = _key(kind, subject, translation.get_language() or settings.LANGUAGE_CODE, _today())
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, CACHE_SECONDS)
    return value


def forget_notices(notice_pks: Iterable[int]) -> None:
    """Forget the notices list and these notices' pages, now and again when the transaction commits.

    Again at the commit: a reader who ran between the two (still seeing the old rows) may have cached them.
    """
    pks = list(notice_pks)
    _forget([("notices", "all")] + [("notice", pk) for pk in pks])


def forget_certificates(codes: Iterable[str]) -> None:
    """Forget the verification of these certificate codes (a title recognised, revoked or restored)."""
    _forget([("verify", code) for code in codes])


def _forget(subjects: list[tuple[str, object]]) -> None:
    day = _today()
    keys = [
        _key(kind, subject, language, day)
        for kind, subject in subjects
        for language, _name in settings.LANGUAGES
    ]
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


def _today() -> str:
    return timezone.localdate().isoformat()
