"""Reading and checking the canonical fields of an annual filing, one rule set for import, API and forms.

A value arrives as text (a CSV cell, a form field) or already typed (an XLSX cell, JSON). Empty is unknown,
never zero (decision D5). Each problem is a sentence in the current language naming what is wrong.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from littlegiant.enterprises.models import AnnualFiling
from littlegiant.numbers import LARGEST_MAGNITUDE
from littlegiant.rules.records import InputError, coerce_value
from littlegiant.rules.schema import DATA_FIELDS, FIELDS_BY_NAME, Field, FieldKind


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
# A number written with thousands separators (1,234,567.50): refused, saying why.
THOUSANDS = re.compile(r"-?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?")
# No cell of a canonical data field needs more characters (the longest choice or number is far shorter).
LONGEST_CELL = 100


def is_empty(raw: object) -> bool:
    return raw is None or raw == "" or (isinstance(raw, str) and raw.strip() == "")


def parse_value(field: Field, raw: object) -> object | None:
    """The typed value of one cell for this field (None when empty: unknown), or FilingValueError.

    The engine's parser (rules.records.coerce_value) reads the value, as it does for an assessment; then
    only what the storage adds is checked: the decimal places and size the column holds. Whole numbers are
    stored as int. The message is the engine's problem, worded in the reader's language by its code.
    """
    if is_empty(raw):
        return None
    if isinstance(raw, str) and len(raw) > LONGEST_CELL and field.kind != FieldKind.TEXT:
        # Refused by its size before anything reads it (a long run of digits is slow to convert).
        raise FilingValueError(_("is too long (%(length)s characters)") % {"length": len(raw)})
    if isinstance(raw, int) and not isinstance(raw, bool) and abs(raw) >= LARGEST_MAGNITUDE:
        raise FilingValueError(_("is too large"))
    if isinstance(raw, date | datetime) and field.kind in NUMBER_KINDS:
        raise FilingValueError(_("is not a number"))
    try:
        value = coerce_value(field, raw)
    except InputError as error:
        if error.code == "not_a_number" and isinstance(raw, str) and THOUSANDS.fullmatch(raw.strip()):
            # enterprise-data.md: "Money is in yuan, a plain number"; the engine reads no separators.
            raise FilingValueError(_("write the number plainly, without thousands separators")) from None
        raise FilingValueError(input_error_message(field, error)) from None
    if field.kind in WHOLE_NUMBER_KINDS:
        value = int(value)  # type: ignore[call-overload]
    elif field.kind in DECIMAL_KINDS:
        value = _stored_decimal(field, value)  # type: ignore[arg-type]
    # What the filing adds to the engine's checks: a share lies between 0 and 1; a count fits its column.
    check_value(field, value)
    return value


def input_error_message(field: Field, error: InputError) -> str:
    """The engine's problem with a value, in the reader's language (by its code), naming no raw value."""
    params = error.params
    if error.code == "not_boolean":
        return str(_("is not true or false (also accepted: 1/0, yes/no, 是/否; empty means unknown)"))
    if error.code == "not_a_choice":
        return _("must be one of: %(choices)s") % {"choices": params["choices"]}
    if error.code in {"not_a_number", "not_whole"}:
        return _("is not a whole number") if field.kind in WHOLE_NUMBER_KINDS else _("is not a number")
    if error.code == "too_large":
        return _("is too large")
    if error.code == "too_many_places":
        return _("has more than %(places)s decimal places") % {"places": params["places"]}
    if error.code == "negative" and field.kind == FieldKind.FRACTION:
        return _("a share is a fraction between 0 and 1 (3 per cent is 0.03)")
    if error.code == "negative":
        return _("cannot be negative")
    if error.code == "below_minimum" and field.kind == FieldKind.FRACTION:
        return _("a share is a fraction between 0 and 1 (3 per cent is 0.03)")
    if error.code == "below_minimum":
        return _("must be at least %(minimum)s") % {"minimum": _plain(params["minimum"])}  # type: ignore[arg-type]
    if error.code == "above_maximum" and field.kind == FieldKind.FRACTION:
        return _("a share is a fraction between 0 and 1 (3 per cent is 0.03)")
    if error.code == "above_maximum":
        return _("must be at most %(maximum)s") % {"maximum": _plain(params["maximum"])}  # type: ignore[arg-type]
    if error.code == "credit_code":
        return _("is not a valid unified social credit code (GB 32100-2015)")
    if error.code == "industry_code":
        return _("is not a class or division of GB/T 4754-2017")
    if error.code == "region_code":
        return _("is not a six-digit region code")
    return _("is not a valid value")


def _stored_decimal(field: Field, number: Decimal) -> Decimal:
    """The storage's own limits on a decimal the engine accepted: the column's places and digits."""
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
