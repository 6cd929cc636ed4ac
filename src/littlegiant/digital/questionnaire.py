"""The digital-level questionnaire as versioned data: loaded from `questionnaires/<id>.yaml` into plain objects.

A leaf module (no Django), so that the scorer, the forms, the import and the tests read one definition.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from pathlib import Path

import yaml

QUESTIONNAIRE_DIR = Path(__file__).parent / "questionnaires"
CURRENT_ID = "cn.miit.digital-level.2024"


class ItemKind(enum.StrEnum):
    SINGLE = "single"
    MULTIPLE = "multiple"
    BAND = "band"  # a percentage placed in one of the intervals, exactly as written
    TREND = "trend"  # a three-way single choice (fell / flat / rose)


@dataclass(frozen=True, slots=True)
class Option:
    """One option of an item: a choice, or for a band item an interval of percentages."""

    key: str
    text_zh: str
    text_en: str
    points: Fraction
    weight: int  # the platform's percentage of the item
    none: bool = False
    lower: Fraction | None = None
    lower_closed: bool = False
    upper: Fraction | None = None
    upper_closed: bool = False

    def contains(self, percent: Fraction) -> bool:
        """Whether a percentage lies in this band's interval, with its ends open or closed as written."""
        assert self.lower is not None and self.upper is not None
        above = percent >= self.lower if self.lower_closed else percent > self.lower
        below = percent <= self.upper if self.upper_closed else percent < self.upper
        return above and below


@dataclass(frozen=True, slots=True)
class Item:
    """One scored question (Q1–Q15) of the 100-point part."""

    id: str
    number: int
    dimension: str
    subdimension: str
    indicator_zh: str
    indicator_en: str
    indicator_weight: int
    title_zh: str
    title_en: str
    kind: ItemKind
    max_points: Fraction
    options: tuple[Option, ...]
    inputs_zh: tuple[str, ...] = ()
    disagreement_en: str = ""

    def option(self, key: str) -> Option | None:
        return next((option for option in self.options if option.key == key), None)


@dataclass(frozen=True, slots=True)
class Scenario:
    """One of the 16 unscored scenarios of 数字化经营, rated at level 1–4."""

    id: str
    number: int
    name_zh: str
    name_en: str
    group: str
    binding: bool
    levels: dict[int, str]
    disagreement_en: str = ""


@dataclass(frozen=True, slots=True)
class Subdimension:
    id: str
    label_zh: str
    label_en: str
    weight: int


@dataclass(frozen=True, slots=True)
class Dimension:
    """A scored dimension (数字化基础 50, 数字化管理 30, 数字化成效 20)."""

    id: str
    label_zh: str
    label_en: str
    points: Fraction
    subdimensions: tuple[Subdimension, ...]


@dataclass(frozen=True, slots=True)
class ScenarioCondition:
    scenarios: int
    binding: int


@dataclass(frozen=True, slots=True)
class Questionnaire:
    """One edition of the questionnaire, with the provisional level rule (D17) and its unconfirmed extras."""

    id: str
    edition: int
    title_zh: str
    title_en: str
    document: str
    issued_on: str
    confidence: str
    source: str
    pledge_zh: str
    pledge_en: str
    level_thresholds: dict[int, Fraction]
    level_note_en: str
    scenario_conditions: dict[int, ScenarioCondition]
    scenario_conditions_source: str
    dimensions: tuple[Dimension, ...]
    items: tuple[Item, ...]
    scenarios: tuple[Scenario, ...]
    scenario_groups: tuple[tuple[str, str, str], ...]

    def item(self, item_id: str) -> Item:
        return next(item for item in self.items if item.id == item_id)

    def dimension(self, dimension_id: str) -> Dimension:
        return next(dimension for dimension in self.dimensions if dimension.id == dimension_id)

    def items_of(self, dimension_id: str) -> tuple[Item, ...]:
        return tuple(item for item in self.items if item.dimension == dimension_id)

    @property
    def max_points(self) -> Fraction:
        return sum((dimension.points for dimension in self.dimensions), Fraction(0))


def _fraction(value: object) -> Fraction:
    # Strings such as "0.7" or "1.875" read exactly; a float would bring back the platform's artefacts.
    return Fraction(str(value))


def _option(data: dict) -> Option:
    return Option(
        key=data["key"],
        text_zh=str(data["text_zh"]).strip(),
        text_en=str(data.get("text_en") or data["text_zh"]).strip(),
        points=_fraction(data["points"]),
        weight=int(data["weight"]),
        none=bool(data.get("none", False)),
        lower=_fraction(data["lower"]) if "lower" in data else None,
        lower_closed=bool(data.get("lower_closed", False)),
        upper=_fraction(data["upper"]) if "upper" in data else None,
        upper_closed=bool(data.get("upper_closed", False)),
    )


@cache
def load(questionnaire_id: str = CURRENT_ID) -> Questionnaire:
    """The questionnaire with this id, read once from its YAML file."""
    path = QUESTIONNAIRE_DIR / f"{questionnaire_id}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    rule = data["level_rule"]
    return Questionnaire(
        id=data["id"],
        edition=int(data["edition"]),
        title_zh=data["title_zh"],
        title_en=data["title_en"],
        document=data["document"],
        issued_on=str(data["issued_on"]),
        confidence=data["confidence"],
        source=data["source"],
        pledge_zh=data["pledge_zh"],
        pledge_en=data["pledge_en"],
        level_thresholds={int(k): _fraction(v) for k, v in rule["thresholds"].items()},
        level_note_en=rule["note_en"],
        scenario_conditions={
            int(k): ScenarioCondition(int(v["scenarios"]), int(v["binding"]))
            for k, v in rule["scenario_conditions"].items()
        },
        scenario_conditions_source=rule["scenario_conditions_source"],
        dimensions=tuple(
            Dimension(
                id=d["id"],
                label_zh=d["label_zh"],
                label_en=d["label_en"],
                points=_fraction(d["points"]),
                subdimensions=tuple(Subdimension(**s) for s in d["subdimensions"]),
            )
            for d in data["dimensions"]
        ),
        items=tuple(
            Item(
                id=i["id"],
                number=int(i["number"]),
                dimension=i["dimension"],
                subdimension=i["subdimension"],
                indicator_zh=i["indicator_zh"],
                indicator_en=i["indicator_en"],
                indicator_weight=int(i["indicator_weight"]),
                title_zh=i["title_zh"].strip(),
                title_en=i["title_en"].strip(),
                kind=ItemKind(i["kind"]),
                max_points=_fraction(i["max_points"]),
                options=tuple(_option(o) for o in i["options"]),
                inputs_zh=tuple(i.get("inputs_zh", ())),
                disagreement_en=i.get("disagreement_en", ""),
            )
            for i in data["items"]
        ),
        scenarios=tuple(
            Scenario(
                id=s["id"],
                number=int(s["number"]),
                name_zh=s["name_zh"],
                name_en=s["name_en"],
                group=s["group"],
                binding=bool(s["binding"]),
                levels={int(k): str(v).strip() for k, v in s["levels"].items()},
                disagreement_en=s.get("disagreement_en", ""),
            )
            for s in data["scenarios"]
        ),
        scenario_groups=tuple((g["id"], g["label_zh"], g["label_en"]) for g in data["scenario_groups"]),
    )
