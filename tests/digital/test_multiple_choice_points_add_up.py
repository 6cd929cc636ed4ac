"""Multiple-choice items (digital-questionnaire-2024.md §2.3, A): "each option except 无 carries its own points.
The points of all options except 无 add up to the item's maximum ... 无 is worth 0." Q4: "A weights the 14 links
7 % each, except 人力资源 at 9 % (13 × 0.7 + 0.9 = 10)"; B and D split the 10 points equally (5/7 each), shown
as the other reading.
"""

from fractions import Fraction

import pytest

from littlegiant.digital import questionnaire, scoring
from tests.digital.answers import ALL_LINKS


def item(item_id: str):
    return questionnaire.load().item(item_id)


def test_two_network_options_of_q1_are_worth_2_each() -> None:
    assert scoring.item_points(item("q1"), ["B", "D"]) == 4


def test_q4_counts_0_7_per_link_and_0_9_for_human_resources() -> None:
    assert scoring.item_points(item("q4"), ["B", "C"]) == Fraction("1.4")
    assert scoring.item_points(item("q4"), ["B", "O"]) == Fraction("1.6")
    assert scoring.item_points(item("q4"), ALL_LINKS) == 10


def test_q4s_other_reading_splits_the_points_equally() -> None:
    assert scoring.q4_equal_split(item("q4"), ["B", "O"]) == Fraction(10, 7)


def test_q9_options_are_worth_1_875_each_and_q10_1_5_each() -> None:
    assert scoring.item_points(item("q9"), ["B", "C", "D"]) == Fraction("5.625")
    assert scoring.item_points(item("q10"), ["B", "C", "D", "E", "F"]) == Fraction("7.5")


def test_none_alone_is_worth_nothing() -> None:
    assert scoring.item_points(item("q6"), ["A"]) == 0


@pytest.mark.parametrize("choice", [["A", "B"], ["B", "B"], ["Z"]])
def test_none_with_another_option_a_repeated_or_an_unknown_option_is_refused(choice: list[str]) -> None:
    with pytest.raises(scoring.AnswerInvalid) as caught:
        scoring.item_points(item("q7"), choice)
    assert caught.value.field == "q7"
