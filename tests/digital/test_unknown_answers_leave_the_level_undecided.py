"""Decision D5: "A required input left empty ... is unknown, never zero ... If the outcome is still decided by
the rest ..., that outcome stands; otherwise the outcome is `insufficient_data`, listing the missing fields"."""

from littlegiant.digital import questionnaire, scoring
from tests.digital.answers import EIGHTY, FORTY, answers


def test_an_empty_item_that_could_change_the_level_makes_it_insufficient_data() -> None:
    result = scoring.score(questionnaire.load(), answers(**{**FORTY, "q1": None}))  # 32 + up to 8
    assert result.status == scoring.INSUFFICIENT_DATA
    assert result.level is None
    assert result.total is None
    assert result.missing == ("q1",)


def test_an_empty_item_that_cannot_change_the_level_leaves_it_decided() -> None:
    # The 80-point set with Q8 (worth 0 there) left empty: 80 to 87.5, level 4 either way.
    result = scoring.score(questionnaire.load(), answers(**{**EIGHTY, "q8": None}))
    assert result.status == scoring.DECIDED
    assert result.level == 4
    assert result.total is None  # still not a complete score


def test_an_empty_item_is_not_counted_as_zero_below_a_level() -> None:
    # 0 known points and Q5 (10) and Q4 (10) empty: 0 to 20, so "no level" is not decided.
    result = scoring.score(questionnaire.load(), answers(q4=None, q5=None))
    assert result.status == scoring.INSUFFICIENT_DATA
