"""Scoring of the 2024 digital-level questionnaire: exact points per item and dimension, and the provisional level.

A small scorer of its own rather than a rule pack: the engine's inputs are the canonical enterprise record
(rules/schema.py), while the answers here are option sets and percentages placed in intervals. Arithmetic is
exact (fractions), as D12 does for money. A leaf module (no Django).

- Band items: the percentage falls in the interval that contains it, ends open or closed as written, so an
  exact 20 % is in (10%,20%] (D17: decision D1 does not apply).
- Multiple choice: the points of the options chosen add up (the platform's JSON, source A); 无 is worth 0.
- Unknown answers follow D5: an unanswered item is unknown, never zero; the level stands only when every
  possible value of the unknown items gives the same level, otherwise it is `insufficient_data`.
- The level is provisional (D17, [U]): the 2022 bands applied to the 100-point score.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from littlegiant.digital.questionnaire import Item, ItemKind, Questionnaire

DECIDED = "decided"
INSUFFICIENT_DATA = "insufficient_data"


class AnswerInvalid(ValueError):
    """An answer that cannot be read; `field` names the item, `problem` says what is wrong."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem


def parse_percent(field: str, raw: object) -> Fraction:
    """A percentage from 0 to 100, read exactly ("20", "20.5", 20); anything else names the field."""
    try:
        value = Fraction(Decimal(str(raw).strip().rstrip("%")))
    except (InvalidOperation, ValueError):
        raise AnswerInvalid(field, f"“{raw}” is not a percentage (a number from 0 to 100).") from None
    if not 0 <= value <= 100:
        raise AnswerInvalid(field, f"{raw} is outside 0–100 %.")
    return value


def band_option(item: Item, percent: Fraction):
    """The band (option) of a band item that contains this percentage."""
    for option in item.options:
        if option.contains(percent):
            return option
    raise AnswerInvalid(item.id, f"{percent} % lies in none of the bands.")


def item_points(item: Item, answer: object) -> Fraction | None:
    """Points for one item's answer; None when the answer is unknown (empty)."""
    if answer is None or answer == "" or answer == []:
        return None
    if item.kind == ItemKind.BAND:
        return band_option(item, parse_percent(item.id, answer)).points
    if item.kind == ItemKind.MULTIPLE:
        keys = [answer] if isinstance(answer, str) else list(answer)
        if len(set(keys)) != len(keys):
            raise AnswerInvalid(item.id, "an option is chosen twice.")
        options = []
        for key in keys:
            option = item.option(str(key))
            if option is None:
                raise AnswerInvalid(item.id, f"“{key}” is not one of its options.")
            options.append(option)
        # Source B's tool clears the other options when 无 is chosen; we refuse the contradiction instead.
        if len(options) > 1 and any(option.none for option in options):
            raise AnswerInvalid(item.id, "无 (none) cannot be chosen together with other options.")
        return sum((option.points for option in options), Fraction(0))
    option = item.option(str(answer))
    if option is None:
        raise AnswerInvalid(item.id, f"“{answer}” is not one of its options.")
    return option.points


def level_for(points: Fraction, questionnaire: Questionnaire) -> int | None:
    """The provisional level of a score (D17): the highest level whose threshold it reaches; below 20, none."""
    reached = [level for level, threshold in questionnaire.level_thresholds.items() if points >= threshold]
    return max(reached) if reached else None


@dataclass(frozen=True, slots=True)
class DimensionScore:
    """Points of one dimension: known so far, and the most the unknown items could still add."""

    id: str
    points: Fraction
    max_points: Fraction
    unknown_max: Fraction
    complete: bool


@dataclass(frozen=True, slots=True)
class ScenarioCheck:
    """For one level, whether source B's scenario condition holds ([U], shown, never applied)."""

    level: int
    needed: int
    needed_binding: int
    at_level: int
    binding_at_level: int
    unknown: int

    @property
    def met(self) -> bool | None:
        if self.at_level >= self.needed and self.binding_at_level >= self.needed_binding:
            return True
        if self.unknown == 0:
            return False
        return None if self.at_level + self.unknown >= self.needed else False


@dataclass(frozen=True, slots=True)
class Score:
    """The questionnaire's score: items, dimensions, total range and the provisional level (D17, D5)."""

    items: dict[str, Fraction | None]
    dimensions: tuple[DimensionScore, ...]
    total_low: Fraction
    total_high: Fraction
    level: int | None
    status: str
    missing: tuple[str, ...]
    scenario_checks: tuple[ScenarioCheck, ...] = field(default=())
    # The other reading of Q4 (sources B and D: 5/7 per link), shown beside the platform's.
    q4_equal_split: Fraction | None = None

    @property
    def total(self) -> Fraction | None:
        return self.total_low if not self.missing else None

    @property
    def decided(self) -> bool:
        return self.status == DECIDED


def q4_equal_split(item: Item, answer: object) -> Fraction | None:
    """Q4 as sources B and D score it: the 10 points split equally over the 14 links."""
    if answer is None or answer == [] or answer == "":
        return None
    keys = [answer] if isinstance(answer, str) else list(answer)
    links = [option for option in item.options if not option.none]
    chosen = [option for option in links if option.key in keys]
    return item.max_points * len(chosen) / len(links)


def score(questionnaire: Questionnaire, answers: Mapping[str, object]) -> Score:
    """Score a set of answers (item id -> option key, list of keys, or percentage; scenario id -> 1–4)."""
    points = {item.id: item_points(item, answers.get(item.id)) for item in questionnaire.items}
    dimensions = []
    for dimension in questionnaire.dimensions:
        items = questionnaire.items_of(dimension.id)
        known = sum((points[i.id] for i in items if points[i.id] is not None), Fraction(0))
        unknown_max = sum((i.max_points for i in items if points[i.id] is None), Fraction(0))
        dimensions.append(
            DimensionScore(dimension.id, known, dimension.points, unknown_max, complete=unknown_max == 0)
        )
    low = sum((d.points for d in dimensions), Fraction(0))
    high = low + sum((d.unknown_max for d in dimensions), Fraction(0))
    missing = tuple(item.id for item in questionnaire.items if points[item.id] is None)
    level_low, level_high = level_for(low, questionnaire), level_for(high, questionnaire)
    decided = level_low == level_high
    q4 = next((item for item in questionnaire.items if item.number == 4), None)
    return Score(
        items=points,
        dimensions=tuple(dimensions),
        total_low=low,
        total_high=high,
        level=level_low if decided else None,
        status=DECIDED if decided else INSUFFICIENT_DATA,
        missing=missing,
        scenario_checks=scenario_checks(questionnaire, answers),
        q4_equal_split=q4_equal_split(q4, answers.get(q4.id)) if q4 else None,
    )


def scenario_level(questionnaire_scenario_id: str, raw: object) -> int | None:
    """A scenario's level, 1–4, or None when not given."""
    if raw is None or raw == "":
        return None
    try:
        level = int(str(raw))
    except ValueError:
        raise AnswerInvalid(questionnaire_scenario_id, f"“{raw}” is not a level from 1 to 4.") from None
    if level not in (1, 2, 3, 4):
        raise AnswerInvalid(questionnaire_scenario_id, f"{level} is not a level from 1 to 4.")
    return level


def scenario_checks(questionnaire: Questionnaire, answers: Mapping[str, object]) -> tuple[ScenarioCheck, ...]:
    """Source B's scenario conditions per level, counted from the answers ([U]: shown, not applied)."""
    levels = {s.id: scenario_level(s.id, answers.get(s.id)) for s in questionnaire.scenarios}
    checks = []
    for level, condition in sorted(questionnaire.scenario_conditions.items()):
        at = [s for s in questionnaire.scenarios if (levels[s.id] or 0) >= level]
        checks.append(
            ScenarioCheck(
                level=level,
                needed=condition.scenarios,
                needed_binding=condition.binding,
                at_level=len(at),
                binding_at_level=sum(1 for s in at if s.binding),
                unknown=sum(1 for s in questionnaire.scenarios if levels[s.id] is None),
            )
        )
    return tuple(checks)


def points_to_next_level(result: Score, questionnaire: Questionnaire) -> tuple[int, Fraction] | None:
    """The next level up and the points still needed to reach it, for a complete score; None at level 4."""
    if result.missing:
        return None
    current = result.level or 0
    above = sorted(level for level in questionnaire.level_thresholds if level > current)
    if not above:
        return None
    return above[0], questionnaire.level_thresholds[above[0]] - result.total_low
