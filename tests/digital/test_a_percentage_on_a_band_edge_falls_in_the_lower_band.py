"""Band items Q2, Q3 and Q11 (digital-questionnaire-2024.md §0 and Q2/Q3/Q11, decision D17):

"`[0-10%]` is closed at both ends and `(10%,20%]` is open on the left and closed on the right. So a value
exactly on an edge (10 %, 20 %, 40 %, 60 %) belongs to the **lower** band." The bands as written:
[0-10%], (10%,20%], (20%,40%], (40%,60%], (60%,100%].
"""

from fractions import Fraction

import pytest

from littlegiant.digital import questionnaire, scoring

# item -> points of the bands A..E (Q2, Q3: 0 / 1.5 / 3 / 4.5 / 6; Q11: 0 / 1.875 / 3.75 / 5.625 / 7.5)
POINTS = {
    "q2": ["0", "1.5", "3", "4.5", "6"],
    "q3": ["0", "1.5", "3", "4.5", "6"],
    "q11": ["0", "1.875", "3.75", "5.625", "7.5"],
}
CLOSED_ENDS = ["10", "20", "40", "60", "100"]


@pytest.mark.parametrize("item_id", sorted(POINTS))
@pytest.mark.parametrize("band", range(5))
def test_a_value_exactly_on_a_closed_end_scores_that_band(item_id: str, band: int) -> None:
    item = questionnaire.load().item(item_id)
    assert scoring.item_points(item, CLOSED_ENDS[band]) == Fraction(POINTS[item_id][band])


@pytest.mark.parametrize("item_id", sorted(POINTS))
@pytest.mark.parametrize("band", range(4))
def test_a_value_just_above_a_closed_end_scores_the_next_band(item_id: str, band: int) -> None:
    item = questionnaire.load().item(item_id)
    just_above = str(Fraction(CLOSED_ENDS[band]) + Fraction(1, 1000))
    assert scoring.item_points(item, f"{float(Fraction(just_above)):.3f}") == Fraction(
        POINTS[item_id][band + 1]
    )


@pytest.mark.parametrize("item_id", sorted(POINTS))
def test_zero_is_in_the_first_band_closed_at_both_ends(item_id: str) -> None:
    assert scoring.item_points(questionnaire.load().item(item_id), "0") == 0


@pytest.mark.parametrize("raw", ["-0.001", "100.001", "lots", ""])
def test_a_percentage_outside_0_to_100_or_not_a_number_is_refused_or_unknown(raw: str) -> None:
    item = questionnaire.load().item("q2")
    if raw == "":
        assert scoring.item_points(item, raw) is None  # empty is unknown (D5), not 0
        return
    with pytest.raises(scoring.AnswerInvalid) as caught:
        scoring.item_points(item, raw)
    assert caught.value.field == "q2"
