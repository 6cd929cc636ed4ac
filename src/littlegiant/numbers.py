"""Numbers read from people and programs, bounded before any arithmetic: one parser for every way in.

Security review F2/F7/F8: `int(Decimal("1e1000000"))` takes half a minute of CPU holding the GIL, Decimal's
`quantize` fails on `1e300000`, and int() refuses more than 4,300 digits with a ValueError. A value is
therefore refused by the length of its text and by its exponent first, in constant time. Nothing this
platform stores reaches 10^18 (money columns hold 14 digits before the point). Leaf module: no Django.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

# Longer than any number a person writes (18 digits, separators, sign, places), far shorter than an attack.
LONGEST_NUMBER_TEXT = 64
LARGEST_MAGNITUDE_EXPONENT = 18
LARGEST_MAGNITUDE = 10**LARGEST_MAGNITUDE_EXPONENT


class NumberError(ValueError):
    """A value that is not a number we can hold; the message (already translated) says why."""


def bounded_text(raw: object, *, too_long: str, too_large: str) -> str:
    """The stripped text of a short value, refused by its size before anything reads it.

    `too_long` may name the length as %(length)s.
    """
    if isinstance(raw, int) and not isinstance(raw, bool) and abs(raw) >= LARGEST_MAGNITUDE:
        # str() of an int is quadratic in its digits and fails past 4,300 of them: compare instead.
        raise NumberError(too_large)
    text = raw if isinstance(raw, str) else str(raw)
    if len(text) > LONGEST_NUMBER_TEXT:
        raise NumberError(too_long % {"length": f"{len(text):,}"})
    return text.strip()


def bounded_decimal(raw: object, *, not_a_number: str, too_long: str, too_large: str) -> Decimal:
    """A finite Decimal below 10^18 in size, from text, int, float or Decimal; NumberError otherwise.

    Thousands separators are allowed ("1,234"). A float is read through repr(), the shortest text that
    reads back as the same float: what a spreadsheet shows.
    """
    if isinstance(raw, bool | date | datetime):
        raise NumberError(not_a_number)
    if isinstance(raw, float):
        text = repr(raw)
    else:
        text = bounded_text(raw, too_long=too_long, too_large=too_large).replace(",", "")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise NumberError(not_a_number) from None
    if not number.is_finite():
        raise NumberError(not_a_number)
    if not number:
        return Decimal(0)  # 0E+99999999 is zero, but its exponent would follow it into the database
    if number.adjusted() >= LARGEST_MAGNITUDE_EXPONENT:
        raise NumberError(too_large)
    return number
