"""Reading and checking the canonical fields of an annual filing, one rule set for import, API and forms.

A value arrives as text (a CSV cell, a form field) or already typed (an XLSX cell, JSON). Empty is unknown,
never zero (decision D5). Each problem is a sentence in the current language naming what is wrong.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from littlegiant.enterprises.models import AnnualFiling
from littlegiant.numbers import (
    LARGEST_MAGNITUDE,
    LARGEST_MAGNITUDE_EXPONENT,
    NumberError,
    bounded_decimal,
    bounded_text,
)
from littlegiant.rules.schema import DATA_FIELDS, FALSE_WORDS, FIELDS_BY_NAME, TRUE_WORDS, Field, FieldKind


class FilingValueError(ValueError):
    """A value that cannot be stored in a canonical field; the message names the problem."""


def _decimal_limits(name: str) -> tuple[int, int]:
    model_field = AnnualFiling._meta.get_field(name)
    return model_field.max_digits, model_field.decimal_places  # type: ignore[union-attr]


WHOLE_NUMBER_KINDS = frozenset({FieldKind.COUNT, FieldKind.INTEGER})
DECIMAL_KINDS = frozenset({FieldKind.MONEY, FieldKind.FRACTION, FieldKind.NUMBER})
NUMBER_KINDS = WHOLE_NUMBER_KINDS | DECIMAL_KINDS
DECIMAL_LIMITS: dict[str, tuple[int, int]] = {
    name: _decimal_limits(name) for name in DATA_FIELDS if FIELDS_BY_NAME[name].kind in DECIMAL_KINDS
}
# Worked out once, not for each of the millions of cells a large import checks.
DECIMAL_CEILINGS: dict[str, Decimal] = {
    name: Decimal(10) ** (max_digits - places) for name, (max_digits, places) in DECIMAL_LIMITS.items()
}
BOUNDS: dict[str, tuple[Decimal | None, Decimal | None]] = {
    field.name: (
        None if field.minimum is None else Decimal(str(field.minimum)),
        None if field.maximum is None else Decimal(str(field.maximum)),
    )
    for field in FIELDS_BY_NAME.values()
}
# A part counted within a whole: the database refuses the same (constraints on AnnualFiling).
PARTS_OF_A_WHOLE = (
    (
        "rd_staff",
        "employees",
        gettext_lazy("R&D staff (%(part)s) cannot exceed persons employed (%(whole)s)"),
    ),
    (
        "ip_class1_self_developed",
        "ip_class1",
        gettext_lazy("self-developed Class-I IP (%(part)s) cannot exceed all Class-I IP (%(whole)s)"),
    ),
    (
        "ip_class1_high_value",
        "ip_class1",
        gettext_lazy("high-value Class-I IP (%(part)s) cannot exceed all Class-I IP (%(whole)s)"),
    ),
)
# PositiveIntegerField holds up to 2147483647 on every database we run on.
LARGEST_COUNT = 2_147_483_647


def is_empty(raw: object) -> bool:
    return raw is None or raw == "" or (isinstance(raw, str) and raw.strip() == "")


def parse_value(field: Field, raw: object) -> object | None:
    """The typed value of one cell for this field (None when empty: unknown), or FilingValueError."""
    if is_empty(raw):
        return None
    if isinstance(raw, int) and not isinstance(raw, bool) and abs(raw) >= LARGEST_MAGNITUDE:
        raise FilingValueError(_("is too large"))
    if field.kind == FieldKind.BOOLEAN:
        return _parse_boolean(raw)
    if field.kind == FieldKind.ENUM:
        text = _bounded_text(raw, _("is too long for one of the choices (%(length)s characters)"))
        if text not in field.choices:
            raise FilingValueError(_("must be one of: %(choices)s") % {"choices": ", ".join(field.choices)})
        return text
    if field.kind in WHOLE_NUMBER_KINDS:
        value: object = _parse_whole_number(raw)
    elif field.kind in DECIMAL_KINDS:
        value = _parse_decimal(field, raw)
    else:
        return str(raw).strip()
    check_value(field, value)
    return value


def check_value(field: Field, value: object | None) -> None:
    """Range checks for an already typed value: sign, bounds, shares between 0 and 1."""
    if value is None or field.kind not in NUMBER_KINDS:
        return
    # An int or a Decimal compares exactly with a Decimal bound as it is; anything else is made a Decimal.
    number = value if isinstance(value, int | Decimal) else Decimal(value)  # type: ignore[arg-type]
    if field.kind == FieldKind.FRACTION:
        if number < 0 or number > 1:  # type: ignore[operator]
            raise FilingValueError(_("a share is a fraction between 0 and 1 (3 per cent is 0.03)"))
        return
    if number < 0 and not field.may_be_negative and field.kind != FieldKind.INTEGER:  # type: ignore[operator]
        raise FilingValueError(_("cannot be negative"))
    minimum, maximum = BOUNDS[field.name]
    if minimum is not None and number < minimum:  # type: ignore[operator]
        raise FilingValueError(_("must be at least %(minimum)s") % {"minimum": _plain(field.minimum)})  # type: ignore[arg-type]
    if maximum is not None and number > maximum:  # type: ignore[operator]
        raise FilingValueError(_("must be at most %(maximum)s") % {"maximum": _plain(field.maximum)})  # type: ignore[arg-type]
    if field.kind in WHOLE_NUMBER_KINDS and abs(number) > LARGEST_COUNT:  # type: ignore[arg-type]
        raise FilingValueError(_("is too large"))


def cross_field_problems(values: Mapping[str, object | None]) -> list[tuple[str, str]]:
    """Problems between fields of one filing, as (field, message); unknown values never conflict."""
    problems: list[tuple[str, str]] = []
    for part, whole, message in PARTS_OF_A_WHOLE:
        a, b = values.get(part), values.get(whole)
        if a is not None and b is not None and a > b:  # type: ignore[operator]
            problems.append((part, str(message) % {"part": a, "whole": b}))
    return problems


def parse_filing_values(raw: Mapping[str, object]) -> tuple[dict[str, object | None], dict[str, str]]:
    """Typed values and problems (field → message) for a mapping of data fields, e.g. an API body."""
    values: dict[str, object | None] = {}
    problems: dict[str, str] = {}
    for name, cell in raw.items():
        field = FIELDS_BY_NAME.get(name)
        if field is None or field.identity:
            problems[name] = _("unknown field")
            continue
        try:
            values[name] = parse_value(field, cell)
        except FilingValueError as error:
            problems[name] = str(error)
    if not problems:
        for name, message in cross_field_problems(values):
            problems.setdefault(name, message)
    return values, problems


def _parse_boolean(raw: object) -> bool:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int | float | Decimal) and raw in (0, 1):
        return bool(raw)
    text = _bounded_text(raw, _("is too long for true or false (%(length)s characters)")).lower()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise FilingValueError(_("is not true or false (also accepted: 1/0, yes/no, 是/否; empty means unknown)"))


def _bounded_text(raw: object, too_long: str) -> str:
    """The text of a cell that should hold a short value: refused by its size before anything reads it."""
    try:
        return bounded_text(raw, too_long=too_long, too_large=_("is too large"))
    except NumberError as error:
        raise FilingValueError(str(error)) from None


def _bounded_decimal(raw: object, not_a_number: str) -> Decimal:
    try:
        return bounded_decimal(
            raw,
            not_a_number=not_a_number,
            too_long=_("is too long to be a number (%(length)s characters)"),
            too_large=_("is too large"),
        )
    except NumberError as error:
        raise FilingValueError(str(error)) from None


def _parse_whole_number(raw: object) -> int:
    # Most cells of a CSV file are plain digits: read them without a detour through Decimal.
    if isinstance(raw, str) and len(raw) <= LARGEST_MAGNITUDE_EXPONENT and raw.isascii() and raw.isdigit():
        return int(raw)
    if isinstance(raw, (bool, date | datetime)):
        raise FilingValueError(_("is not a whole number"))
    if isinstance(raw, int):
        if abs(raw) >= LARGEST_MAGNITUDE:
            raise FilingValueError(_("is too large"))
        return raw
    number = _bounded_decimal(raw, _("is not a whole number"))
    if number != number.to_integral_value():
        raise FilingValueError(_("is not a whole number"))
    return int(number)


def _parse_decimal(field: Field, raw: object) -> Decimal:
    number = _bounded_decimal(raw, _("is not a number"))
    places = DECIMAL_LIMITS[field.name][1]
    exponent = number.as_tuple().exponent
    # Only a number written with more places than allowed needs normalising: 1.500 has two places, not three.
    if isinstance(exponent, int) and -exponent > places:
        exponent = number.normalize().as_tuple().exponent
        if isinstance(exponent, int) and -exponent > places:
            raise FilingValueError(_("has more than %(places)s decimal places") % {"places": places})
    if abs(number) >= DECIMAL_CEILINGS[field.name]:
        raise FilingValueError(_("is too large"))
    return number


def _plain(number: float | Decimal) -> str:
    """A number as people write it: 15, not 15.0."""
    decimal = Decimal(str(number))
    if decimal == decimal.to_integral_value():
        return str(decimal.quantize(Decimal(1)))
    return format(decimal.normalize(), "f")


def format_value(value: object | None) -> str:
    """The text of a stored value in a CSV file: empty when unknown, true/false, plain decimals."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return _plain(value)
    return str(value)
