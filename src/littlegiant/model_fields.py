"""The kinds of model field the apps declare again and again, each spelled once: an amount of money, a figure
that may be unknown, and an optional reference (to a person, a region, ...).

Each function returns a stock Django field with the options written here, never a field class of our own: a
migration reads such a field exactly as it read the declaration written out in full, so moving a model onto
these functions changes no migration (`makemigrations --check` holds it). What a caller passes in `options`
(a verbose name, validators, help text) is handed to the field as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import models

# Yuan to the fen, up to a hundred thousand billion: the size of every amount of an enterprise's accounts.
MONEY_DIGITS = 20


def money_field(
    verbose_name: object, *, max_digits: int = MONEY_DIGITS, **options: Any
) -> models.DecimalField:
    """An amount of money in yuan, to the fen; empty when it is not known (never zero for unknown, D5)."""
    return models.DecimalField(
        verbose_name, max_digits=max_digits, decimal_places=2, null=True, blank=True, **options
    )


def unknown_decimal_field(
    verbose_name: object, *, max_digits: int, decimal_places: int, **options: Any
) -> models.DecimalField:
    """A measured figure (a share, a score, a rate, an area) that is empty while it is not known."""
    return models.DecimalField(
        verbose_name, max_digits=max_digits, decimal_places=decimal_places, null=True, blank=True, **options
    )


def unknown_count_field(verbose_name: object) -> models.PositiveIntegerField:
    """A count (persons, IP rights, a rank, seconds) that is empty while it is not known."""
    return models.PositiveIntegerField(verbose_name, null=True, blank=True)


def unknown_flag_field(verbose_name: object) -> models.BooleanField:
    """A yes or no that is empty while it is not known (not answered, not yet decided): never read as no."""
    return models.BooleanField(verbose_name, null=True, blank=True)


def optional_foreign_key(
    to: str | type[models.Model],
    *,
    related_name: str,
    on_delete: Callable[..., None] = models.PROTECT,
    **options: Any,
) -> models.ForeignKey:
    """A reference that may be empty (a national record has no region, a request no institution yet); the row
    it names is kept while it is referred to, unless the caller says otherwise."""
    return models.ForeignKey(
        to, on_delete=on_delete, null=True, blank=True, related_name=related_name, **options
    )


def optional_person_field(
    *, on_delete: Callable[..., None] = models.PROTECT, related_name: str = "+", **options: Any
) -> models.ForeignKey:
    """A person who did something, or empty while nobody has (or when the platform did it itself)."""
    return optional_foreign_key(
        settings.AUTH_USER_MODEL, related_name=related_name, on_delete=on_delete, **options
    )
