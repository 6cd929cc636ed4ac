"""A policy's eligibility as the criteria engine reads it: whitelisted rule expressions over the canonical
fields and the titles an enterprise holds, checked when saved, evaluated for one enterprise by the engine's
reference evaluator and explanation (gaps, missing inputs), and compiled to SQL for the batch engine.

The titles are not canonical fields (enterprise-data.md): they come from the platform's own records
(recognition, the size pack). They are the named inputs of `TITLE_INPUTS`. For one enterprise they are
constants, so a policy becomes a pack-like `RulePack` whose title inputs are derived values holding those
constants; in the batch they are columns beside the canonical ones.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from sqlglot import exp

from littlegiant.rules.compiler import column_number, quote
from littlegiant.rules.expressions import (
    Expression,
    PackError,
    SqlCompiler,
    SqlNumber,
    ValueType,
    parse_expression,
)
from littlegiant.rules.pack import Condition as PackCondition
from littlegiant.rules.pack import Confidence, Derived, Gap, Kind, Outcome, RulePack
from littlegiant.rules.schema import FIELDS_BY_NAME


@dataclass(frozen=True, slots=True)
class TitleInput:
    """A named input of a policy's conditions that is not a canonical field: a title held or the size class."""

    name: str
    label_zh: str
    label_en: str


TITLE_INPUTS: dict[str, TitleInput] = {
    item.name: item
    for item in (
        TitleInput(
            "title_innovative_sme", "持有有效的创新型中小企业称号", "Holds a valid innovative-SME title"
        ),
        TitleInput("title_srdi_sme", "持有有效的专精特新中小企业称号", "Holds a valid SRDI SME title"),
        TitleInput(
            "title_little_giant",
            "持有有效的专精特新“小巨人”企业称号",
            "Holds a valid SRDI little-giant title",
        ),
        TitleInput("size_large", "企业规模为大型（2011年标准）", "Size class large (2011 standard)"),
        TitleInput("size_medium", "企业规模为中型（2011年标准）", "Size class medium (2011 standard)"),
        TitleInput("size_small", "企业规模为小型（2011年标准）", "Size class small (2011 standard)"),
        TitleInput("size_micro", "企业规模为微型（2011年标准）", "Size class micro (2011 standard)"),
        TitleInput(
            "size_sme", "属于中小企业（2011年标准）", "An SME (2011 standard: medium, small or micro)"
        ),
    )
}
TITLE_TYPES: dict[str, ValueType] = dict.fromkeys(TITLE_INPUTS, ValueType.BOOLEAN)
SIZE_INPUTS = frozenset(name for name in TITLE_INPUTS if name.startswith("size_"))
# Identity fields describe who an enterprise is, not what a policy may ask of it (region is the policy's own).
NOT_CONDITIONS = frozenset({"credit_code", "name", "application_kind"})


class ConditionError(ValueError):
    """A condition that cannot be saved: `field` names the part of the form or request at fault; `code` and
    `params` say what is wrong for a caller that words it in the reader's language (the engine's expression
    codes, `rules.expressions.EXPRESSION_ERROR_CODES`, and this module's own: `not_a_condition`); `message` is
    the engine's English."""

    def __init__(
        self, field: str, message: str, *, code: str = "", params: Mapping[str, object] | None = None
    ) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message
        self.code = code
        self.params: dict[str, object] = dict(params or {})

    @property
    def kind(self) -> str:
        """unknown_field, syntax (cannot be parsed or a construct not allowed) or type."""
        if self.code in UNKNOWN_FIELD_CODES:
            return "unknown_field"
        if self.code in SYNTAX_CODES:
            return "syntax"
        return "type"


UNKNOWN_FIELD_CODES = frozenset({"unknown_field", "not_a_condition"})
SYNTAX_CODES = frozenset({
    "empty", "cannot_parse", "qualified_name", "not_plain_decimal", "null_outside_is", "is_not_null", "simple_case",
    "not_allowed",
})  # fmt: skip


@dataclass(frozen=True, slots=True)
class Condition:
    """One eligibility condition of a policy: a label and a checked boolean expression."""

    label: str
    text: str
    expression: Expression


def _problem(error: PackError, where: str) -> str:
    return str(error).removeprefix(f"{where}: ")


@lru_cache(maxsize=4096)
def parse_condition(text: str, field: str = "conditions") -> Expression:
    """Parse and check one condition (a boolean over canonical fields and TITLE_INPUTS); ConditionError names
    the field with the problem: unknown field, syntax error or type error."""
    where = field
    try:
        expression = parse_expression(text, where=where, names=TITLE_TYPES, expect=ValueType.BOOLEAN)
    except PackError as error:
        raise ConditionError(field, _problem(error, where), code=error.code, params=error.params) from None
    refused = sorted(expression.names & NOT_CONDITIONS)
    if refused:
        raise ConditionError(
            field,
            f"{refused[0]!r} cannot be a condition of a policy",
            code="not_a_condition",
            params={"name": refused[0]},
        )
    return expression


@lru_cache(maxsize=4096)
def parse_amount(text: str, field: str = "benefit_expression") -> Expression:
    """Parse and check a benefit amount: a number over canonical fields (yuan)."""
    try:
        expression = parse_expression(text, where=field, names={}, expect=ValueType.NUMBER)
    except PackError as error:
        raise ConditionError(field, _problem(error, field), code=error.code, params=error.params) from None
    return expression


def parse_conditions(items: Sequence[Mapping[str, str]]) -> list[Condition]:
    """Every condition checked; the first bad one raises ConditionError naming `conditions.<n>.expression`."""
    conditions = []
    for index, item in enumerate(items, start=1):
        text = str(item.get("expression") or "").strip()
        label = str(item.get("label") or "").strip() or text
        if not text:
            raise ConditionError(f"conditions.{index}.expression", "the condition is empty", code="empty")
        conditions.append(Condition(label, text, parse_condition(text, f"conditions.{index}.expression")))
    return conditions


def reads_size(conditions: Sequence[Condition]) -> bool:
    return any(c.expression.names & SIZE_INPUTS for c in conditions)


# --- The gap field of a condition ------------------------------------------------------------------------

_UP = (exp.GT, exp.GTE)
_DOWN = (exp.LT, exp.LTE)


def _numerator_fields(node: exp.Expression) -> list[str]:
    """Numeric canonical fields that grow a side of a comparison: numerators and minuends, in order."""
    if isinstance(node, exp.Paren | exp.Div | exp.Sub):
        return _numerator_fields(node.this)
    if isinstance(node, exp.Column):
        spec = FIELDS_BY_NAME.get(node.name)
        return [node.name] if spec is not None and spec.is_numeric else []
    found: list[str] = []
    for child in node.iter_expressions():
        found += _numerator_fields(child)
    return found


def gap_of(expression: Expression) -> Gap | None:
    """The one number to change to meet a condition, and which way: the first numeric field on the side of a
    comparison that must grow (up) or, failing one, on the side that must shrink (down)."""
    for node in expression.tree.walk():
        if isinstance(node, _UP):
            big, small = node.this, node.expression
        elif isinstance(node, _DOWN):
            big, small = node.expression, node.this
        else:
            continue
        up = _numerator_fields(big)
        if up:
            return Gap(up[0], "up")
        down = _numerator_fields(small)
        if down:
            return Gap(down[0], "down")
    return None


# --- One enterprise: a pack-like object ------------------------------------------------------------------


def _constant(value: bool | None) -> Expression:
    # The parser admits no bare NULL: an unknown constant is a CASE without a branch that holds.
    text = {True: "TRUE", False: "FALSE", None: "CASE WHEN FALSE THEN TRUE END"}[value]
    return _constant_expression(text)


@lru_cache(maxsize=3)
def _constant_expression(text: str) -> Expression:
    return parse_expression(text, where="title", names={}, expect=ValueType.BOOLEAN)


@dataclass(frozen=True, slots=True)
class PolicyTerms:
    """What the engine needs of a policy: an id, titles, its document and its checked conditions."""

    key: str  # unique per policy version (its id and when it last changed)
    title_zh: str
    title_en: str
    document: str
    issuer: str
    conditions: tuple[Condition, ...]
    confidence: str = Confidence.CONFIRMED


_PACKS: dict[tuple[str, tuple[tuple[str, bool | None], ...]], RulePack] = {}
PACK_CACHE_SIZE = 8192


def policy_pack(
    version: str, titles: tuple[tuple[str, bool | None], ...], terms: Callable[[], PolicyTerms]
) -> RulePack:
    """The policy as a rule pack for an enterprise whose title inputs have these values (constants); kept per
    policy version and title values, so the engine's per-pack preparations are made once. `terms` is only
    called (its conditions read) when the pack is not kept yet: matching asks for 200 packs per enterprise."""
    key = (version, titles)
    pack = _PACKS.get(key)
    if pack is None:
        if len(_PACKS) >= PACK_CACHE_SIZE:
            _PACKS.clear()
        made = terms()
        assert made.key == version
        pack = _PACKS[key] = _build_pack(made, titles)
    return pack


def _build_pack(terms: PolicyTerms, titles: tuple[tuple[str, bool | None], ...]) -> RulePack:
    read = set().union(*(c.expression.names for c in terms.conditions)) if terms.conditions else set()
    derived = tuple(
        Derived(name, TITLE_INPUTS[name].label_zh, TITLE_INPUTS[name].label_en, _constant(value), "boolean")
        for name, value in titles
        if name in read
    )
    criteria = tuple(
        PackCondition(
            id=f"c{index}",
            kind=Kind.CONDITION,
            label_zh=condition.label,
            label_en=condition.label,
            clause=terms.document or "—",
            confidence=Confidence(terms.confidence),
            document=terms.document,
            threshold=condition.text,
            test=condition.expression,
            gap=gap_of(condition.expression),
        )
        for index, condition in enumerate(terms.conditions, start=1)
    )
    ids = {c.id: ValueType.BOOLEAN for c in criteria}
    outcomes: tuple[Outcome, ...] = ()
    if criteria:
        every = " AND ".join(ids)
        outcomes = (
            Outcome("qualified", parse_expression(every, where="outcome", names=ids)),
            Outcome("not_qualified", parse_expression(f"NOT ({every})", where="outcome", names=ids)),
        )
    else:
        outcomes = (Outcome("qualified", _constant_expression("TRUE")),)
    return RulePack(
        id=f"policy.{terms.key}",
        version=terms.key,
        title_zh=terms.title_zh,
        title_en=terms.title_en,
        document=terms.document,
        document_title_zh=terms.title_zh,
        issuer_zh=terms.issuer,
        issued="",
        effective_from=None,
        dates_note_en="",
        tier=None,
        applies={},
        provisional=terms.confidence != Confidence.CONFIRMED,
        decisions=(),
        uses=(),
        derived=derived,
        criteria=criteria,
        categories=(),
        outcomes=outcomes,
    )


# --- The batch: conditions as SQL ------------------------------------------------------------------------


def size_sql(name: str, outcome: str) -> str:
    """A size input read off the size pack's outcome column (unknown while the size is)."""
    known = f"{outcome} IN ('large', 'medium', 'small', 'micro')"
    test = f"{outcome} <> 'large'" if name == "size_sme" else f"{outcome} = '{name.removeprefix('size_')}'"
    return f"(CASE WHEN {known} THEN {test} END)"


def conditions_sql(conditions: Sequence[Condition], *, size_outcome: str | None = None) -> str:
    """One SQL boolean that is TRUE exactly when every condition holds (unknown and false both exclude);
    size inputs read `size_outcome`, the size pack's outcome column."""
    if not conditions:
        return "TRUE"

    def resolve(name: str) -> SqlNumber | str:
        if name in SIZE_INPUTS:
            assert size_outcome is not None, "a size input needs the size pack's outcome"
            return size_sql(name, size_outcome)
        spec = FIELDS_BY_NAME.get(name)
        if spec is not None and spec.is_numeric:
            return column_number(name)
        return quote(name)

    compiler = SqlCompiler(resolve)
    return " AND ".join(f"COALESCE({compiler.boolean(c.expression.tree)}, FALSE)" for c in conditions)
