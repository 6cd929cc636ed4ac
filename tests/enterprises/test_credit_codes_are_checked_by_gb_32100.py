"""Unified social credit codes (GB 32100-2015) with the embedded organisation code (GB 11714)."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from littlegiant.enterprises.credit_code import validate_credit_code
from littlegiant.identifiers import CreditCodeError, CreditCodeProblem, check_credit_code, make_credit_code

# Published codes of real enterprises (company registers, public notices).
REAL_CODES = ["91350100M000100Y43", "91110000802100433B", "91440300708461136T"]


@pytest.mark.parametrize("code", REAL_CODES)
def test_real_public_codes_pass(code):
    assert check_credit_code(code) == code


def test_lower_case_and_spaces_are_tidied():
    assert check_credit_code("  91350100m000100y43 ") == "91350100M000100Y43"


@pytest.mark.parametrize(
    ("parts"),
    [
        ("91", "330106", "MA2H7K3L"),
        ("91", "330212", "MA2B8C4D"),
        ("52", "110101", "50000000"),
        ("11", "440305", "00000001"),
        ("Y1", "650102", "XYZ12345".replace("Z", "Y")),
    ],
)
def test_generated_codes_pass(parts):
    code = make_credit_code(*parts)
    assert check_credit_code(code) == code


@pytest.mark.parametrize(
    ("code", "problem", "message"),
    [
        ("91350100M000100Y4", CreditCodeProblem.LENGTH, "must be 18 characters long, not 17"),
        ("91350100M000100Y433", CreditCodeProblem.LENGTH, "must be 18 characters long, not 19"),
        (
            "91350100M00010OY43",
            CreditCodeProblem.CHARACTERS,
            "contains characters not allowed in a credit code: O",
        ),
        (
            "91350100I000100S43",
            CreditCodeProblem.CHARACTERS,
            "contains characters not allowed in a credit code: I, S",
        ),
        (
            "9135010VZ000100Y43",
            CreditCodeProblem.CHARACTERS,
            "contains characters not allowed in a credit code: V, Z",
        ),
        (
            "9135A100M000100Y43",
            CreditCodeProblem.REGION,
            "characters 3-8 must be the six digits of a region code",
        ),
        (
            "91350100M000100Y53",
            CreditCodeProblem.ORGANISATION_CHECK,
            "the organisation code (characters 9-17) has check character 5, expected 4",
        ),
        ("91350100M000100Y44", CreditCodeProblem.CHECK, "the check character (18th) is 4, expected 3"),
    ],
)
def test_each_kind_of_bad_code_is_named(code, problem, message):
    with pytest.raises(CreditCodeError) as caught:
        check_credit_code(code)
    assert caught.value.problem == problem
    assert str(caught.value) == message


def test_the_django_validator_says_what_is_wrong(settings):
    settings.LANGUAGE_CODE = "en"
    from django.utils import translation

    with translation.override("en"), pytest.raises(ValidationError) as caught:
        validate_credit_code("91350100M000100Y44")
    assert caught.value.messages == ["Invalid credit code: the check character (18th) is 4, expected 3."]


def test_the_django_validator_speaks_chinese():
    from django.utils import translation

    with translation.override("zh-hans"), pytest.raises(ValidationError) as caught:
        validate_credit_code("91350100M000100Y44")
    assert "校验码" in caught.value.messages[0]


def test_the_enterprises_module_still_offers_make_credit_code():
    from littlegiant.enterprises.credit_code import make_credit_code as from_enterprises

    assert from_enterprises is make_credit_code


ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
bodies = st.text(alphabet="0123456789ABCDEFGHJKLMNPQRTUWXY", min_size=8, max_size=8)
regions = st.text(alphabet="0123456789", min_size=6, max_size=6)


@given(body=bodies, region=regions)
def test_every_generated_code_passes(body, region):
    code = make_credit_code("91", region, body)
    assert check_credit_code(code) == code


@given(body=bodies, region=regions, data=st.data())
def test_any_other_final_character_is_caught(body, region, data):
    code = make_credit_code("91", region, body)
    wrong = data.draw(st.sampled_from([c for c in ALPHABET if c != code[17]]))
    with pytest.raises(CreditCodeError) as caught:
        check_credit_code(code[:17] + wrong)
    assert caught.value.problem == CreditCodeProblem.CHECK
