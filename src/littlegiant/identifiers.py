"""Unified social credit codes (统一社会信用代码, GB 32100-2015) and their organisation code (GB 11714).

Layout, 18 characters: 1 registration authority, 2 entity type, 3-8 administrative region (GB/T 2260),
9-17 organisation code (8 body characters and its own check character, GB 11714), 18 check character.

This module knows nothing of Django: the criteria engine checks codes in batch files with it, and
`littlegiant.enterprises.credit_code` wraps it as a form and model validator.
"""

from __future__ import annotations

from enum import StrEnum

# The 31 characters of GB 32100: digits and capitals without I, O, S, V, Z.
CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
ORGANISATION_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_VALUE = {char: index for index, char in enumerate(CREDIT_CODE_ALPHABET)}


class CreditCodeProblem(StrEnum):
    """Which part of a credit code is wrong."""

    LENGTH = "length"
    CHARACTERS = "characters"
    REGION = "region"
    ORGANISATION_CHECK = "organisation_check"
    CHECK = "check"


class CreditCodeError(ValueError):
    """A credit code that fails GB 32100-2015; `problem` says which part is wrong, `params` the details."""

    MESSAGES = {
        CreditCodeProblem.LENGTH: "must be 18 characters long, not {length}",
        CreditCodeProblem.CHARACTERS: "contains characters not allowed in a credit code: {characters}",
        CreditCodeProblem.REGION: "characters 3-8 must be the six digits of a region code",
        CreditCodeProblem.ORGANISATION_CHECK: (
            "the organisation code (characters 9-17) has check character {found}, expected {expected}"
        ),
        CreditCodeProblem.CHECK: "the check character (18th) is {found}, expected {expected}",
    }

    def __init__(self, problem: CreditCodeProblem, **params: str | int) -> None:
        self.problem = problem
        self.params = params
        super().__init__(self.MESSAGES[problem].format(**params))


def credit_code_check_character(first17: str) -> str:
    """The 18th character for these 17 (GB 32100-2015, 5.2)."""
    total = sum(_VALUE[char] * weight for char, weight in zip(first17, CREDIT_CODE_WEIGHTS, strict=True))
    return CREDIT_CODE_ALPHABET[(31 - total % 31) % 31]


def organisation_code_check_character(body: str) -> str:
    """The 9th character of an organisation code for its 8-character body (GB 11714-1997)."""

    def value(char: str) -> int:
        return int(char) if char.isdigit() else ord(char) - ord("A") + 10

    weighted = sum(value(char) * weight for char, weight in zip(body, ORGANISATION_CODE_WEIGHTS, strict=True))
    remainder = 11 - weighted % 11
    if remainder == 10:
        return "X"
    if remainder == 11:
        return "0"
    return str(remainder)


def check_credit_code(code: str) -> str:
    """Return the code, upper-cased and stripped, or raise CreditCodeError naming the problem."""
    code = (code or "").strip().upper()
    if len(code) != 18:
        raise CreditCodeError(CreditCodeProblem.LENGTH, length=len(code))
    bad = sorted({char for char in code if char not in _VALUE})
    if bad:
        raise CreditCodeError(CreditCodeProblem.CHARACTERS, characters=", ".join(bad))
    if not code[2:8].isdigit():
        raise CreditCodeError(CreditCodeProblem.REGION)
    body, org_check = code[8:16], code[16]
    expected_org = organisation_code_check_character(body)
    if org_check != expected_org:
        raise CreditCodeError(CreditCodeProblem.ORGANISATION_CHECK, found=org_check, expected=expected_org)
    expected = credit_code_check_character(code[:17])
    if code[17] != expected:
        raise CreditCodeError(CreditCodeProblem.CHECK, found=code[17], expected=expected)
    return code


def make_credit_code(authority_and_type: str, region_code: str, organisation_body: str) -> str:
    """Build a valid code from its parts: authority and type (2), region (6), organisation-code body (8)."""
    first16 = (
        authority_and_type
        + region_code
        + organisation_body
        + organisation_code_check_character(organisation_body)
    )
    return first16 + credit_code_check_character(first16)
