"""Chinese patent numbers: application numbers (申请号) and publication numbers (公开号/公告号).

One check shared by the importer, the forms and the API. Errors name the problem in plain words, translated.

Application numbers since 1 October 2003 have 12 digits and a check digit: YYYY (year), one digit for the kind
(1 invention, 2 utility model, 3 design, 8 PCT invention entering China, 9 PCT utility model), a 7-digit
serial, then "." and the check digit. The check digit is the sum of the 12 digits weighted
2,3,4,5,6,7,8,9,2,3,4,5, modulo 11, written X for 10; we verified it on nine real numbers (e.g.
202210956187.7, 201911050262.8). Older 8-digit numbers are not accepted: their patents have all reached the
20-year term and expired.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

APPLICATION_WEIGHTS = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)
APPLICATION_KINDS = {
    "1": "invention",
    "2": "utility_model",
    "3": "design",
    "8": "pct_invention",
    "9": "pct_utility_model",
}
# A = published application, B = granted invention, C = granted invention (before 2007), U/Y = utility model,
# S = design (D before 2010 is not used by CNIPA for publication numbers).
PUBLICATION_KINDS = frozenset("ABCUYS")

_APPLICATION = re.compile(r"^(?:CN|ZL)?(\d{12})\.?([0-9X])$")
_PUBLICATION = re.compile(r"^CN(\d{7}|\d{9})([A-Z])\d?$")


class PatentNumberError(ValueError):
    """A patent number that is not well formed; the message says what is wrong."""


@dataclass(frozen=True, slots=True)
class ApplicationNumber:
    """A checked CN application number, e.g. 202310123456.7."""

    digits: str
    check: str

    @property
    def year(self) -> int:
        return int(self.digits[:4])

    @property
    def kind(self) -> str:
        return APPLICATION_KINDS[self.digits[4]]

    def __str__(self) -> str:
        return f"{self.digits}.{self.check}"


def _compact(raw: str) -> str:
    return re.sub(r"[\s\u3000]", "", raw).upper()


def application_check_digit(digits: str) -> str:
    """The check digit of a 12-digit CN application number."""
    if len(digits) != 12 or not digits.isdigit():
        raise PatentNumberError(
            _("An application number has 12 digits before its check digit, not %(digits)s.")
            % {"digits": digits}
        )
    remainder = (
        sum(int(digit) * weight for digit, weight in zip(digits, APPLICATION_WEIGHTS, strict=True)) % 11
    )
    return "X" if remainder == 10 else str(remainder)


def parse_application_number(raw: str) -> ApplicationNumber:
    """Check a CN application number (with or without "CN"/"ZL", spaces and the dot) and return it
    normalised."""
    text = _compact(raw)
    match = _APPLICATION.match(text)
    if not match:
        raise PatentNumberError(
            _(
                "“%(number)s” is not a CN application number: expected 12 digits, a dot and a check digit, "
                "e.g. 202310123456.7 (optionally prefixed with CN or ZL)."
            )
            % {"number": raw.strip()}
        )
    digits, check = match.groups()
    year = int(digits[:4])
    if not 2003 <= year <= 2100:
        raise PatentNumberError(
            _("“%(number)s”: the year %(year)s is not possible for a 12-digit application number.")
            % {"number": raw.strip(), "year": year}
        )
    if digits[4] not in APPLICATION_KINDS:
        raise PatentNumberError(
            _(
                "“%(number)s”: the fifth digit gives the kind of application and must be 1, 2, 3, 8 or 9, "
                "not %(digit)s."
            )
            % {"number": raw.strip(), "digit": digits[4]}
        )
    expected = application_check_digit(digits)
    if check != expected:
        raise PatentNumberError(
            _(
                "“%(number)s”: the check digit is %(check)s but the digits give %(expected)s; "
                "a digit is probably mistyped."
            )
            % {"number": raw.strip(), "check": check, "expected": expected}
        )
    return ApplicationNumber(digits=digits, check=check)


def parse_publication_number(raw: str) -> str:
    """Check a CN publication or grant number (CN1234567A, CN112345678B) and return it normalised."""
    text = _compact(raw)
    match = _PUBLICATION.match(text)
    if not match:
        raise PatentNumberError(
            _(
                "“%(number)s” is not a CN publication number: expected CN, 7 or 9 digits and a kind code, "
                "e.g. CN112345678B."
            )
            % {"number": raw.strip()}
        )
    kind = match.group(2)
    if kind not in PUBLICATION_KINDS:
        raise PatentNumberError(
            _(
                "“%(number)s”: the kind code %(kind)s is not used for Chinese patents "
                "(expected A, B, C, U, Y or S)."
            )
            % {"number": raw.strip(), "kind": kind}
        )
    return f"CN{match.group(1)}{kind}"
