"""Decision D17: "derives a provisional level with the 2022 bands (L1 from 20, L2 from 40, L3 from 60, L4 from
80; an edge goes to the higher level; below 20 no level)"."""

from fractions import Fraction

import pytest

from littlegiant.digital import questionnaire, scoring
from tests.digital.answers import EIGHTY, FORTY, SIXTY, TWENTY, answers


@pytest.mark.parametrize(
    ("chosen", "total", "level"),
    [
        (TWENTY, "20", 1),
        (FORTY, "40", 2),
        (SIXTY, "60", 3),
        (EIGHTY, "80", 4),
        ({}, "0", None),
        # Q4 without 人力资源: 19.1, below 20.
        ({**TWENTY, "q4": ["B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N"]}, "19.1", None),
    ],
)
def test_a_complete_answer_set_reaches_the_level_of_its_edge(
    chosen: dict, total: str, level: int | None
) -> None:
    result = scoring.score(questionnaire.load(), answers(**chosen))
    assert result.total == Fraction(total)
    assert result.status == scoring.DECIDED
    assert result.level == level


@pytest.mark.parametrize(("edge", "level"), [(20, 1), (40, 2), (60, 3), (80, 4)])
def test_just_below_an_edge_is_the_level_beneath(edge: int, level: int) -> None:
    below = Fraction(edge) - Fraction(1, 1000)
    assert scoring.level_for(below, questionnaire.load()) == (level - 1 or None)
    assert scoring.level_for(Fraction(edge), questionnaire.load()) == level


def test_the_points_to_the_next_level_are_the_gap_to_its_threshold() -> None:
    q = questionnaire.load()
    result = scoring.score(q, answers(**{**TWENTY, "q1": ["B"]}))  # 22 points, level 1
    assert scoring.points_to_next_level(result, q) == (2, Fraction(18))
