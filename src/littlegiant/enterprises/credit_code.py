"""Unified social credit codes (统一社会信用代码, GB 32100-2015) and their embedded organisation code (GB 11714).

Layout, 18 characters: 1 registration authority, 2 entity type, 3-8 administrative region (GB/T 2260),
9-17 organisation code (8 body characters and its own check character, GB 11714), 18 check character.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# The 31 characters of GB 32100: digits and capitals without I, O, S, V, Z.
CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
ORGANISATION_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_VALUE = {char: index for index, char in enumerate(CREDIT_CODE_ALPHABET)}


class CreditCodeError(ValueError):
    """A credit code that fails GB 32100-2015; the message says which part is wrong."""


def credit_code_check_character(first17: str) -> str:
    """The 18th character for these 17 (GB 32100-2015, 5.2)."""
    total = sum(_VALUE[char] * weight for char, weight in zip(first17, CREDIT_CODE_WEIGHTS, strict=True))
    return CREDIT_CODE_ALPHABET[(31 - total % 31) % 31]


def organisation_code_check_character(body: str) -> str:
    """The 9th character of an organisation code for its 8-character body (GB 11714-1997)."""

    def value(char: str) -> int:
        return int(char) if char.isdigit() else ord(char) - ord("A") + 10

    remainder = 11 - sum(value(char) * weight for char, weight in zip(body, ORGANISATION_CODE_WEIGHTS, strict=True)) % 11
    if remainder == 10:
        return "X"
    if remainder == 11:
        return "0"
    return str(remainder)


def check_credit_code(code: str) -> str:
    """Return the code, upper-cased and stripped, or raise CreditCodeError naming the problem."""
    code = (code or "").strip().upper()
    if len(code) != 18:
        raise CreditCodeError(f"must be 18 characters long, not {len(code)}")
    bad = sorted({char for char in code if char not in _VALUE})
    if bad:
        raise CreditCodeError(f"contains characters not allowed in a credit code: {', '.join(bad)}")
    if not code[2:8].isdigit():
        raise CreditCodeError("characters 3-8 must be the six digits of a region code")
    body, org_check = code[8:16], code[16]
    expected_org = organisation_code_check_character(body)
    if org_check != expected_org:
        raise CreditCodeError(
            f"the organisation code (characters 9-17) has check character {org_check}, expected {expected_org}"
        )
    expected = credit_code_check_character(code[:17])
    if code[17] != expected:
        raise CreditCodeError(f"the check character (18th) is {code[17]}, expected {expected}")
    return code


def make_credit_code(authority_and_type: str, region_code: str, organisation_body: str) -> str:
    """Build a valid code from its parts (used by the demo and by tests)."""
    first16 = authority_and_type + region_code + organisation_body + organisation_code_check_character(
        organisation_body
    )
    return first16 + credit_code_check_character(first16)


def validate_credit_code(value: str) -> None:
    """Django validator wrapping check_credit_code."""
    try:
        check_credit_code(value)
    except CreditCodeError as error:
        raise ValidationError(_("Invalid credit code: %(problem)s."), params={"problem": str(error)}) from None
