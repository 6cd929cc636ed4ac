"""Credit codes in Django: a validator and translated messages over `littlegiant.identifiers`."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from littlegiant.identifiers import (
    CreditCodeError,
    CreditCodeProblem,
    check_credit_code,
    make_credit_code,
)

__all__ = [
    "CreditCodeError",
    "check_credit_code",
    "credit_code_problem",
    "make_credit_code",
    "validate_credit_code",
]

_MESSAGES = {
    CreditCodeProblem.LENGTH: _("must be 18 characters long, not %(length)s"),
    CreditCodeProblem.CHARACTERS: _("contains characters not allowed in a credit code: %(characters)s"),
    CreditCodeProblem.REGION: _("characters 3-8 must be the six digits of a region code"),
    CreditCodeProblem.ORGANISATION_CHECK: _(
        "the organisation code (characters 9-17) has check character %(found)s, expected %(expected)s"
    ),
    CreditCodeProblem.CHECK: _("the check character (18th) is %(found)s, expected %(expected)s"),
}


def credit_code_problem(error: CreditCodeError) -> str:
    """The problem in the current language."""
    return str(_MESSAGES[error.problem]) % error.params


def validate_credit_code(value: str) -> None:
    """Django validator wrapping check_credit_code."""
    try:
        check_credit_code(value)
    except CreditCodeError as error:
        raise ValidationError(
            gettext("Invalid credit code: %(problem)s.") % {"problem": credit_code_problem(error)},
            code=f"credit_code_{error.problem}",
        ) from None
