"""Rule packs: an official standard as data (one YAML file per standard and version), checked when loaded.

A pack lists its derived values, its criteria (conditions, scored indicators with bands,
direct-qualification routes, general eligibility, composition with another pack), its score categories and
its outcome rules. Every criterion cites its clause and carries a confidence tag from criteria.md ([C]
confirmed, [S] secondary, [U] unconfirmed).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from fractions import Fraction
from functools import cached_property
from pathlib import Path
from typing import Any, ClassVar

import yaml
from sqlglot import exp

from littlegiant.rules.expressions import Expression, PackError, ValueType, parse_expression
from littlegiant.rules.industries import SizeIndustry
from littlegiant.rules.schema import FIELDS_BY_NAME

PACKS_DIR = Path(__file__).parent / "packs"
SHARED_DIR = PACKS_DIR / "shared"
# The project decisions of criteria.md ("Project decisions") a pack may say it relies on.
DECISIONS = frozenset(f"D{n}" for n in range(1, 22))
TIERS = ("innovative_sme", "srdi_sme", "little_giant")
# The size pack (中小企业划型标准规定, 2011): every tier's pack uses its outcome, the enterprise's size class.
SIZE_PACK_ID = "cn.miit.sme-size.2011"
SIZE_OUTCOMES = ("large", "medium", "small", "micro")
TIER_OUTCOMES = ("qualified", "not_qualified")
# A calculation pack (one with amounts, criteria.md §6): whether the calculation applies to the enterprise.
CALCULATION_OUTCOMES = ("eligible", "not_eligible", "not_applicable")
AMOUNT_DISPLAYS = ("money", "rate")
INSUFFICIENT = "insufficient_data"


class Kind(StrEnum):
    """What a criterion is."""

    CONDITION = "condition"
    INDICATOR = "indicator"
    ROUTE = "route"
    ELIGIBILITY = "eligibility"
    COMPOSITION = "composition"


class Confidence(StrEnum):
    """criteria.md §0.1: [C] confirmed, [S] secondary, [U] unconfirmed."""

    CONFIRMED = "C"
    SECONDARY = "S"
    UNCONFIRMED = "U"


@dataclass(frozen=True)
class Band:
    """A scoring band: a closed interval of the indicator's value (None = unbounded) and its points."""

    label: str
    low: Decimal | None
    high: Decimal | None
    points: Decimal

    def contains(self, value: Any) -> bool:
        return (self.low is None or value >= self.low) and (self.high is None or value <= self.high)


@dataclass(frozen=True)
class Option:
    """An ordered choice of an indicator: the highest-scoring option whose condition holds is taken."""

    label: str
    when: Expression
    points: Decimal


@dataclass(frozen=True)
class Gap:
    """Which input an enterprise would change to reach the next band or meet a condition, and in which
    direction."""

    field: str
    direction: str  # "up" or "down"


@dataclass(frozen=True)
class IndustryRule:
    """The 2011 thresholds of one industry (Art. 4 item)."""

    industry: SizeIndustry
    clause: str
    tests: dict[str, Expression]  # "sme", "medium", "small"


@dataclass(frozen=True, kw_only=True)
class Criterion:
    """One rule of a pack, with the clause it cites and its confidence: what every kind of criterion shares.

    Each kind is a subclass holding only its own fields (a condition's test, an indicator's bands…). `kind` is
    the part the criterion plays in the pack as its file names it: condition, route and eligibility rules
    differ in that part only, not in what they hold, so they share the types below that decide a boolean.
    """

    # The kinds a criterion of this type may play; the indicator and the composition fix theirs.
    KINDS: ClassVar[frozenset[Kind]] = frozenset({Kind.CONDITION, Kind.ROUTE, Kind.ELIGIBILITY})
    # Decided from the data (False only for Unevaluated); met or unmet rather than scored (False: Indicator).
    evaluated: ClassVar[bool] = True
    is_boolean: ClassVar[bool] = True

    id: str
    kind: Kind = Kind.CONDITION
    label_zh: str
    label_en: str
    clause: str
    confidence: Confidence
    document: str = ""  # the official document cited; the pack's own when the criterion does not name one
    href: str = ""  # where the cited text was read (criteria.md's source register); empty when only in code
    declared: bool = False
    note_zh: str = ""
    note_en: str = ""
    threshold: str | None = None  # the threshold as the text words it, shown beside the criterion
    display: str = "number"

    def __post_init__(self) -> None:
        if self.kind not in self.KINDS:
            raise PackError(f"criterion {self.id}: a {type(self).__name__} cannot be a {self.kind}")

    def expressions(self) -> list[Expression]:
        """The expressions it reads (the fields behind them are what it needs)."""
        return []


@dataclass(frozen=True, kw_only=True)
class Unevaluated(Criterion):
    """A criterion the platform does not decide from data (its note says why): shown, never met or unmet."""

    evaluated: ClassVar[bool] = False


@dataclass(frozen=True, kw_only=True)
class Condition(Criterion):
    """Met when its test holds: a condition, a direct-qualification route or a general eligibility rule."""

    test: Expression
    gap: Gap | None = None
    # A condition on several years names one input per year: the gap then says what each year needs.
    year_gaps: tuple[Gap, ...] = ()

    def expressions(self) -> list[Expression]:
        return [self.test]


@dataclass(frozen=True, kw_only=True)
class ScoreThreshold(Criterion):
    """Met when the total score or a category's subtotal reaches its minimum (decided after the indicators)."""

    score_at_least: Mapping[str, Decimal]


@dataclass(frozen=True, kw_only=True)
class IndustryTest(Criterion):
    """Size pack: one of the thresholds ("sme", "medium" or "small") of the enterprise's own industry."""

    industry_test: str


@dataclass(frozen=True, kw_only=True)
class IndustryKnown(Criterion):
    """Size pack: the industry code falls in one of the 16 industries of the 2011 provisions (the file's
    `builtin: size_industry`); its value is the industry."""

    builtin: ClassVar[str] = "size_industry"


@dataclass(frozen=True, kw_only=True)
class DivisionExclusion(Criterion):
    """Met when the GB/T 4754 division of industry_code (its first two digits) is none of these (criteria.md
    §6.5: the industries excluded from the R&D super-deduction); unknown without a code."""

    not_in_divisions: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class Indicator(Criterion):
    """A scored indicator of a category: by the bands of its value, by ordered options or by a formula."""

    KINDS: ClassVar[frozenset[Kind]] = frozenset({Kind.INDICATOR})
    is_boolean: ClassVar[bool] = False

    kind: Kind = Kind.INDICATOR
    category: str
    max_points: Decimal
    value: Expression | None = None  # what the bands divide
    bands: tuple[Band, ...] = ()
    options: tuple[Option, ...] = ()
    points: Expression | None = None  # a formula indicator
    gap: Gap | None = None

    def __post_init__(self) -> None:
        super().__post_init__()
        scorings = [bool(self.bands), bool(self.options), self.points is not None]
        if sum(scorings) != 1 or bool(self.bands) != (self.value is not None):
            raise PackError(
                f"criterion {self.id}: an indicator is scored by bands of a value, options or points"
            )

    @cached_property
    def ranked_bands(self) -> tuple[tuple[int, Fraction | None, Fraction | None, Fraction], ...]:
        """The bands as (index, low, high, points), highest points first, edges as Fractions (the reference
        evaluator compares rationals; converting a Decimal on every comparison was its slowest step)."""
        ranked = sorted(range(len(self.bands)), key=lambda i: -self.bands[i].points)
        return tuple(
            (
                index,
                None if self.bands[index].low is None else Fraction(self.bands[index].low),
                None if self.bands[index].high is None else Fraction(self.bands[index].high),
                Fraction(self.bands[index].points),
            )
            for index in ranked
        )

    def expressions(self) -> list[Expression]:
        found = [e for e in (self.value, self.points) if e is not None]
        return found + [option.when for option in self.options]


@dataclass(frozen=True, kw_only=True)
class Composition(Criterion):
    """Met when a pack this one uses gives one of these outcomes, or when one of its criteria is met."""

    KINDS: ClassVar[frozenset[Kind]] = frozenset({Kind.COMPOSITION})

    kind: Kind = Kind.COMPOSITION
    composition_pack: str
    composition_outcomes: tuple[str, ...] = ()
    composition_criterion: str | None = None  # met when this criterion of the used pack is met


@dataclass(frozen=True)
class Category:
    """A score category with its maximum and, where the text sets one, its minimum."""

    id: str
    label_zh: str
    label_en: str
    max: Decimal
    minimum: Decimal | None = None


@dataclass(frozen=True)
class Derived:
    """A named value computed from fields and earlier derived values."""

    id: str
    label_zh: str
    label_en: str
    expression: Expression
    display: str = "number"


@dataclass(frozen=True)
class Outcome:
    """An outcome and the rule that gives it; the first rule that holds wins, else insufficient_data."""

    value: str
    when: Expression


@dataclass(frozen=True)
class Applicability:
    """Dates (inclusive, None = open) on which applications of a kind use this pack (decision D11)."""

    start: dt.date | None
    end: dt.date | None

    def covers(self, day: dt.date) -> bool:
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)


class ParameterError(PackError):
    """A parameter override that names no parameter of the pack, or a value the parameter cannot take."""


@dataclass(frozen=True)
class Parameter:
    """A number of a pack that a caller may override (a rate, a cap), with its default and where it comes from.

    `value` is what the pack computes with; `default` what the pack file says. A what-if (`--param rate=1.2`,
    `RulePack.with_parameters`) changes `value` only.
    """

    id: str
    label_zh: str
    label_en: str
    value: Decimal
    default: Decimal
    clause: str
    confidence: Confidence
    document: str = ""
    href: str = ""
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    display: str = "number"  # "rate", "money", "number"
    note_zh: str = ""
    note_en: str = ""

    @property
    def overridden(self) -> bool:
        return self.value != self.default

    def checked(self, raw: object, pack_id: str) -> Decimal:
        """The value `raw` as this parameter's value, or ParameterError naming the parameter."""
        where = f"pack {pack_id}, parameter {self.id}"
        if isinstance(raw, bool):
            raise ParameterError(f"{where}: {raw!r} is not a number")
        try:
            number = Decimal(repr(raw) if isinstance(raw, float) else str(raw).strip())
        except InvalidOperation:
            raise ParameterError(f"{where}: {raw!r} is not a number") from None
        # Bounded like an input (records.py): exponent notation and over-long digit strings are refused.
        if not number.is_finite() or len(str(raw).strip()) > 40 or "e" in str(raw).lower():
            raise ParameterError(f"{where}: {raw!r} is not a plain decimal number")
        if self.minimum is not None and number < self.minimum:
            raise ParameterError(f"{where}: {raw} is below the minimum {self.minimum}")
        if self.maximum is not None and number > self.maximum:
            raise ParameterError(f"{where}: {raw} is above the maximum {self.maximum}")
        return number


@dataclass(frozen=True)
class Amount:
    """A named money amount (or rate) of a calculation pack: an exact expression over fields, parameters, the
    pack's conditions and earlier amounts, computed in rationals and rounded half up to the fen only when
    written out (decision D12)."""

    id: str
    label_zh: str
    label_en: str
    expression: Expression
    clause: str
    confidence: Confidence
    document: str = ""
    href: str = ""
    display: str = "money"
    written: bool = False  # one of the pack's output columns (enterprise-data.md)
    column: str = ""  # the output column's name when written (the id unless the file says otherwise)
    note_zh: str = ""
    note_en: str = ""


@dataclass(frozen=True)
class Finding:
    """A statement in yuan for the gap analysis of a calculation pack ("other related expenses are 12,345.67
    yuan above the 10% cap"): told when `when` holds, its message filled in with `values`."""

    id: str
    when: Expression
    values: tuple[tuple[str, Expression, str], ...]  # (placeholder, expression, "money" or "rate")
    message_zh: str
    message_en: str


@dataclass(frozen=True)
class RulePack:
    """One official standard in one version, as data."""

    id: str
    version: str
    title_zh: str
    title_en: str
    document: str
    document_title_zh: str
    issuer_zh: str
    issued: str
    effective_from: dt.date | None
    dates_note_en: str
    tier: str | None
    applies: dict[str, Applicability]
    provisional: bool
    decisions: tuple[str, ...]
    uses: tuple[str, ...]
    derived: tuple[Derived, ...]
    criteria: tuple[Criterion, ...]
    categories: tuple[Category, ...]
    outcomes: tuple[Outcome, ...]
    industries: tuple[IndustryRule, ...] = ()
    band_edge: str = "higher_score"
    path: Path | None = None
    # A calculation pack's parameters (by id, in the file's order), amounts (steps, in order) and findings.
    parameters: Mapping[str, Parameter] = field(default_factory=dict)
    amounts: tuple[Amount, ...] = ()
    findings: tuple[Finding, ...] = ()

    @property
    def is_calculation(self) -> bool:
        return bool(self.amounts)

    @property
    def written_amounts(self) -> tuple[Amount, ...]:
        """The amounts written out as columns, in the pack's order (enterprise-data.md names them)."""
        return tuple(a for a in self.amounts if a.written)

    @cached_property
    def parameter_values(self) -> dict[str, Fraction]:
        """Each parameter's value (default or overridden) as the evaluator reads it."""
        return {pid: Fraction(p.value) for pid, p in self.parameters.items()}

    def with_parameters(self, overrides: Mapping[str, object]) -> RulePack:
        """The same pack computing with other parameter values (`{"rate": "1.2"}`); ParameterError names an
        unknown parameter or a bad value. An empty mapping gives the pack itself."""
        if not overrides:
            return self
        changed = dict(self.parameters)
        for name, raw in overrides.items():
            if name not in self.parameters:
                known = ", ".join(self.parameters) or "none"
                raise ParameterError(f"pack {self.id}: no parameter {name!r}; its parameters: {known}")
            changed[name] = replace(self.parameters[name], value=self.parameters[name].checked(raw, self.id))
        return replace(self, parameters=changed)

    @cached_property  # asked once per evaluation: policy matching evaluates 200 packs per enterprise
    def scored(self) -> bool:
        return bool(self.indicators)

    @cached_property
    def indicators(self) -> tuple[Indicator, ...]:
        """The scored indicators, in the pack's order."""
        return tuple(c for c in self.criteria if isinstance(c, Indicator))

    @property
    def outcome_values(self) -> tuple[str, ...]:
        return tuple(o.value for o in self.outcomes) + (INSUFFICIENT,)

    def criterion(self, criterion_id: str) -> Criterion:
        for criterion in self.criteria:
            if criterion.id == criterion_id:
                return criterion
        raise KeyError(criterion_id)

    def derived_value(self, name: str) -> Derived | None:
        return self.derived_by_id.get(name)

    # Built on first use and kept on the pack (packs live as long as the process).
    @cached_property
    def derived_by_id(self) -> dict[str, Derived]:
        return {derived.id: derived for derived in self.derived}

    @cached_property
    def _prepared(self) -> dict[object, Any]:
        return {}

    def prepared[T](self, key: object, build: Callable[[], T]) -> T:
        """Data about the pack that the evaluator and the explanation compute once and keep with the pack
        (the one place for such caches: they live and die with the pack itself)."""
        if key not in self._prepared:
            self._prepared[key] = build()
        return self._prepared[key]  # type: ignore[no-any-return]

    def names_reading(self, field_name: str) -> frozenset[str]:
        """The field and every derived value that reads it, directly or through another (the gap search's
        "what if" recomputes only these)."""

        def build() -> frozenset[str]:
            reading = {name for name in self.derived_by_id if field_name in self.fields_of(frozenset({name}))}
            return frozenset(reading | {field_name})

        return self.prepared(("reading", field_name), build)

    def fields_of(self, names: frozenset[str] | set[str]) -> list[str]:
        """The canonical fields behind these names, following derived values."""
        found: list[str] = []
        pending = list(names)
        seen: set[str] = set()
        while pending:
            name = pending.pop(0)
            if name in seen:
                continue
            seen.add(name)
            derived = self.derived_value(name)
            if derived is not None:
                pending.extend(sorted(derived.expression.names))
            elif name in FIELDS_BY_NAME:
                found.append(name)
        return sorted(found)

    def criterion_fields(self, criterion: Criterion) -> list[str]:
        """The canonical fields a criterion reads."""
        names: set[str] = set()
        for expression in criterion.expressions():
            names |= expression.names
        if isinstance(criterion, IndustryTest | IndustryKnown | DivisionExclusion):
            names.add("industry_code")
        if isinstance(criterion, IndustryTest):
            for rule in self.industries:
                names |= rule.tests[criterion.industry_test].names
        return self.fields_of(names)

    def amount_fields(self, amount: Amount) -> list[str]:
        """The canonical fields an amount reads, through earlier amounts, derived values and conditions."""
        amounts = {a.id: a for a in self.amounts}
        criteria = {c.id: c for c in self.criteria}
        names: set[str] = set()
        pending = [amount.expression]
        seen: set[str] = set()
        while pending:
            for name in pending.pop().names:
                if name in seen:
                    continue
                seen.add(name)
                if name in amounts:
                    pending.append(amounts[name].expression)
                elif name in criteria:
                    names |= set(self.criterion_fields(criteria[name]))
                else:
                    names.add(name)
        return self.fields_of(names)

    def required_fields(self) -> list[str]:
        """Every canonical field this pack reads (not those of the packs it uses)."""
        fields: set[str] = set()
        for criterion in self.criteria:
            if criterion.evaluated:
                fields |= set(self.criterion_fields(criterion))
        for amount in self.amounts:
            fields |= set(self.amount_fields(amount))
        return sorted(fields)


# ----------------------------------------------------------------------------------------------------
# Loading and checking

_PACK_KEYS = {
    "id", "version", "title_zh", "title_en", "document", "document_title_zh", "issuer_zh", "issued",
    "effective_from", "dates_note_en", "tier", "applies", "provisional", "decisions", "uses", "band_edge",
    "derived", "criteria", "categories", "outcomes", "industries", "include", "href",
    "parameters", "amounts", "findings",
}  # fmt: skip
_PARAMETER_KEYS = {
    "id", "value", "label_zh", "label_en", "clause", "confidence", "document", "href", "minimum", "maximum",
    "display", "note_zh", "note_en",
}  # fmt: skip
_AMOUNT_KEYS = {
    "id", "expr", "label_zh", "label_en", "clause", "confidence", "document", "href", "display", "written",
    "column", "note_zh", "note_en",
}  # fmt: skip
_FINDING_KEYS = {"id", "when", "values", "message_zh", "message_en"}
_FRAGMENT_KEYS = {"id", "title_en", "document", "href", "include", "derived", "criteria"}
_INCLUDE_KEYS = {"fragment", "confidence", "note_zh", "note_en"}
# The keys every criterion may have, then each type's own (a condition's test, an indicator's bands…): a key of
# another type is refused naming the criterion and the key.
_CRITERION_KEYS = {
    "id", "kind", "label_zh", "label_en", "clause", "confidence", "document", "href", "declared", "evaluated",
    "note_zh", "note_en", "threshold", "display",
}  # fmt: skip
_OWN_KEYS: dict[type[Criterion], frozenset[str]] = {
    Unevaluated: frozenset(),
    Condition: frozenset({"test", "gap"}),
    ScoreThreshold: frozenset({"score_at_least"}),
    IndustryTest: frozenset({"industry_test"}),
    IndustryKnown: frozenset({"builtin"}),
    DivisionExclusion: frozenset({"not_in_divisions"}),
    Indicator: frozenset({"category", "max_points", "gap", "value", "bands", "options", "points"}),
    Composition: frozenset({"composition"}),
}
_ALL_CRITERION_KEYS = _CRITERION_KEYS.union(*_OWN_KEYS.values())
# The key that makes a condition, route or eligibility rule one of these types (a test otherwise).
_DECIDED_BY: tuple[tuple[str, type[Criterion]], ...] = (
    ("score_at_least", ScoreThreshold),
    ("industry_test", IndustryTest),
    ("not_in_divisions", DivisionExclusion),
    ("builtin", IndustryKnown),
)
_TYPE_NAMES: dict[type[Criterion], str] = {
    Unevaluated: "a criterion that is not evaluated",
    Condition: "a {kind} decided by a test",
    ScoreThreshold: "a {kind} on the score (score_at_least)",
    IndustryTest: "a {kind} on the industry's thresholds (industry_test)",
    IndustryKnown: "a {kind} on the industry (builtin)",
    DivisionExclusion: "a {kind} on the industry's division (not_in_divisions)",
    Indicator: "an indicator",
    Composition: "a composition",
}
_DISPLAYS = {"number", "percent", "money", "count", "years", "text", "boolean"}


def _decimal(value: object, where: str) -> Decimal:
    if isinstance(value, float):
        # YAML reads 0.03 as a float; its shortest repr is the text the author wrote.
        value = repr(value)
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise PackError(f"{where}: {value!r} is not a number") from None
    if not number.is_finite():
        raise PackError(f"{where}: {value!r} is not a finite number")
    return number


def _text(data: dict[str, Any], key: str, where: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise PackError(f"{where}: {key} is missing")
    return value.strip()


def _known_keys(data: dict[str, Any], allowed: frozenset[str] | set[str], where: str) -> None:
    unknown = set(data) - allowed
    if unknown:
        raise PackError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")


def _entry(item: object, kind: str, where: str, allowed: frozenset[str] | set[str]) -> tuple[str, str]:
    """One entry of a pack's list of `kind` (parameter, amount, finding, criterion): a mapping with an id and
    only the keys of its kind. Returns its id and where it stands, for the messages about it."""
    if not isinstance(item, dict):
        raise PackError(f"{where}: each {kind} must be a mapping")
    entry_id = _text(item, "id", f"{where}, {kind}")
    entry_where = f"{where}, {kind} {entry_id}"
    _known_keys(item, allowed, entry_where)
    return entry_id, entry_where


def _amount_display(value: object, where: str) -> str:
    display = str(value)
    if display not in AMOUNT_DISPLAYS:
        raise PackError(f"{where}: display must be one of {', '.join(AMOUNT_DISPLAYS)}")
    return display


def _date(value: object, where: str) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise PackError(f"{where}: {value!r} is not a date (YYYY-MM-DD)") from None


def _href(value: object, where: str) -> str:
    if value is None or value == "":
        return ""
    if not isinstance(value, str) or not value.startswith(("http://", "https://")):
        raise PackError(f"{where}: href must be a web address (http:// or https://), not {value!r}")
    return value


def _included(
    includes: object, where: str, shared_dir: Path, chain: tuple[str, ...]
) -> tuple[list[Any], list[Any]]:
    """The derived values and criteria of the shared fragments a pack includes (packs/shared/<id>.yaml),
    fragments included by fragments first, each criterion carrying its fragment's document and address.

    An include may lower the confidence of what it brings in (a provisional pack relying on a confirmed
    text's conditions) and add a note; it can never raise it.
    """
    derived: list[Any] = []
    criteria: list[Any] = []
    for entry in includes or ():
        spec = {"fragment": entry} if isinstance(entry, str) else entry
        if not isinstance(spec, dict) or set(spec) - _INCLUDE_KEYS or not spec.get("fragment"):
            raise PackError(
                f"{where}: include entries are a fragment id or {{{', '.join(sorted(_INCLUDE_KEYS))}}}"
            )
        fragment_id = str(spec["fragment"])
        if fragment_id in chain:
            cycle = " → ".join((*chain, fragment_id))
            raise PackError(f"{where}: fragments include each other in a cycle: {cycle}")
        path = shared_dir / f"{fragment_id}.yaml"
        if not path.is_file():
            raise PackError(
                f"{where}: includes unknown fragment {fragment_id!r} (no packs/shared/{path.name})"
            )
        data = read_pack_file(path)
        fwhere = f"{where}, fragment {fragment_id}"
        if not isinstance(data, dict) or data.get("id") != fragment_id:
            raise PackError(f"{fwhere}: a mapping whose id is the file name")
        _known_keys(data, _FRAGMENT_KEYS, fwhere)
        inner_derived, inner_criteria = _included(
            data.get("include"), where, shared_dir, (*chain, fragment_id)
        )
        derived += inner_derived + list(data.get("derived") or ())
        criteria += inner_criteria
        confidence = spec.get("confidence")
        if confidence is not None and confidence not in (Confidence.SECONDARY, Confidence.UNCONFIRMED):
            raise PackError(
                f"{fwhere}: an include may lower the confidence to S or U only, not {confidence!r}"
            )
        for item in data.get("criteria") or ():
            if not isinstance(item, dict):
                raise PackError(f"{fwhere}: each criterion must be a mapping")
            item = dict(item)
            item.setdefault("document", data.get("document"))
            item.setdefault("href", data.get("href"))
            if confidence is not None and item.get("confidence") == Confidence.CONFIRMED:
                item["confidence"] = confidence
            for key in ("note_zh", "note_en"):
                if spec.get(key):
                    item[key] = (
                        "；".join(filter(None, (item.get(key), spec[key])))
                        if key == "note_zh"
                        else ("; ".join(filter(None, (item.get(key), spec[key]))))
                    )
            criteria.append(item)
    return derived, criteria


# libyaml's parser where PyYAML was built with it: reading the six packs took 0.5 s in pure Python, paid by every
# process that assesses anything.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_pack_file(path: Path) -> Any:
    """The data of a pack file, read with the safe loader (no Python objects), or PackError."""
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)  # noqa: S506 - a safe loader
    except yaml.YAMLError as error:
        raise PackError(f"pack file {path.name}: not valid YAML: {error}") from None


def expanded_pack_data(data: Any, shared_dir: Path = SHARED_DIR) -> dict[str, Any]:
    """A pack's data with its shared fragments written in (their derived values and criteria first, as
    `build_pack` reads them), so a copy of the pack can be edited and built without the fragment files
    (rules/variants.py)."""
    if not isinstance(data, dict):
        raise PackError("pack data must be a mapping")
    where = f"pack {data.get('id')}"
    derived, criteria = _included(data.get("include"), where, shared_dir, ())
    expanded = {key: value for key, value in data.items() if key != "include"}
    expanded["derived"] = [dict(d) for d in [*derived, *(data.get("derived") or ())]]
    expanded["criteria"] = [dict(c) for c in [*criteria, *(data.get("criteria") or ())]]
    return expanded


def build_pack(
    data: Any, known_packs: dict[str, RulePack], *, path: Path | None = None, shared_dir: Path = SHARED_DIR
) -> RulePack:
    """Check pack data and build the pack, or raise PackError naming the pack, the criterion and the
    problem."""
    if not isinstance(data, dict):
        raise PackError(f"pack file {path.name if path else '?'}: must be a mapping")
    pack_id = str(data.get("id") or (path.stem if path else "?"))
    where = f"pack {pack_id}"
    _known_keys(data, _PACK_KEYS, where)
    if path is not None and path.stem != pack_id:
        raise PackError(f"{where}: the file must be named {pack_id}.yaml, not {path.name}")
    provisional = bool(data.get("provisional", False))
    decisions = tuple(str(d) for d in data.get("decisions") or ())
    for decision in decisions:
        if decision not in DECISIONS:
            raise PackError(f"{where}: unknown decision {decision!r} (D1 to D21)")
    uses = tuple(str(u) for u in data.get("uses") or ())
    for used in uses:
        if used not in known_packs:
            raise PackError(f"{where}: uses unknown pack {used!r}")
    tier = data.get("tier")
    if tier is not None and tier not in TIERS:
        raise PackError(f"{where}: tier must be one of {', '.join(TIERS)}, not {tier!r}")
    applies: dict[str, Applicability] = {}
    for kind, span in (data.get("applies") or {}).items():
        if kind not in ("new", "review"):
            raise PackError(f"{where}: applies: kind must be new or review, not {kind!r}")
        if span is None:
            continue
        applies[kind] = Applicability(_date(span.get("from"), where), _date(span.get("until"), where))
    band_edge = str(data.get("band_edge", "higher_score"))
    if band_edge != "higher_score":
        raise PackError(f"{where}: band_edge must be higher_score (decision D1), not {band_edge!r}")

    pack_document = _text(data, "document", where)
    pack_href = _href(data.get("href"), where)
    shared_derived, shared_criteria = _included(data.get("include"), where, shared_dir, ())
    own_derived_ids = {str(item.get("id")) for item in data.get("derived") or () if isinstance(item, dict)}

    # Parameters first: derived values, criteria and amounts may all read them.
    parameters = _build_parameters(data.get("parameters"), where, pack_document, pack_href)
    names: dict[str, ValueType] = {pid: ValueType.NUMBER for pid in parameters}
    derived: list[Derived] = []
    for item in [*shared_derived, *(data.get("derived") or ())]:
        did = _text(item, "id", f"{where}, derived value")
        dwhere = f"{where}, derived value {did}"
        if did in names or did in FIELDS_BY_NAME:
            raise PackError(f"{dwhere}: the name is already taken")
        expression = parse_expression(item.get("expr"), where=dwhere, names=names)
        if expression.type == ValueType.TEXT:
            raise PackError(f"{dwhere}: a derived value must be a number or a boolean")
        names[did] = expression.type
        derived.append(
            Derived(did, _text(item, "label_zh", dwhere), _text(item, "label_en", dwhere), expression,
                    str(item.get("display", "number")))
        )  # fmt: skip

    categories: list[Category] = []
    for item in data.get("categories") or ():
        cid = _text(item, "id", f"{where}, category")
        minimum = item.get("minimum")
        categories.append(
            Category(cid, _text(item, "label_zh", f"{where}, category {cid}"),
                     _text(item, "label_en", f"{where}, category {cid}"),
                     _decimal(item.get("max"), f"{where}, category {cid}, max"),
                     None if minimum is None else _decimal(minimum, f"{where}, category {cid}, minimum"))
        )  # fmt: skip
    category_ids = {c.id for c in categories}

    industries: list[IndustryRule] = []
    for item in data.get("industries") or ():
        name = str(item.get("industry"))
        iwhere = f"{where}, industry {name}"
        try:
            industry = SizeIndustry(name)
        except ValueError:
            raise PackError(f"{iwhere}: not one of the 16 industries of rules/industries.py") from None
        tests = {
            key: parse_expression(
                item.get(key), where=f"{iwhere}, {key}", names=names, expect=ValueType.BOOLEAN
            )
            for key in ("sme", "medium", "small")
        }
        industries.append(IndustryRule(industry, _text(item, "clause", iwhere), tests))
    if industries and {r.industry for r in industries} != set(SizeIndustry):
        missing = sorted(set(SizeIndustry) - {r.industry for r in industries})
        raise PackError(f"{where}: industries missing: {', '.join(missing)}")

    criteria: list[Criterion] = []
    seen_ids: set[str] = set()
    for item in [*shared_criteria, *(data.get("criteria") or ())]:
        criteria.append(
            _build_criterion(
                item, where, names, category_ids, known_packs, uses, provisional, industries,
                str(item.get("document") or pack_document) if isinstance(item, dict) else pack_document,
                pack_href,
            )
        )  # fmt: skip
        if criteria[-1].id in seen_ids:
            raise PackError(f"{where}, criterion {criteria[-1].id}: the id is already taken")
        seen_ids.add(criteria[-1].id)
    if not criteria:
        raise PackError(f"{where}: no criteria")

    for category in categories:
        total = sum(
            (c.max_points for c in criteria if isinstance(c, Indicator) and c.category == category.id),
            Decimal(0),
        )
        if total != category.max:
            raise PackError(
                f"{where}, category {category.id}: its indicators add up to {total}, not {category.max}"
            )

    # An included derived value that none of the pack's criteria reads is left out: the compiled query computes
    # every derived value it is given, row by row.
    read: set[str] = set()
    for criterion in criteria:
        for expression in criterion.expressions():
            read |= expression.names
    for rule in industries:
        for test in rule.tests.values():
            read |= test.names
    for item in reversed(derived):
        if item.id in read or item.id in own_derived_ids:
            read |= item.expression.names
    derived = [item for item in derived if item.id in own_derived_ids or item.id in read]

    amounts = _build_amounts(data.get("amounts"), where, names, criteria, derived, pack_document, pack_href)
    findings = _build_findings(data.get("findings"), where, names, criteria, amounts)

    criterion_types = {c.id: ValueType.BOOLEAN for c in criteria if c.is_boolean and c.evaluated}
    outcomes: list[Outcome] = []
    allowed = SIZE_OUTCOMES if industries else CALCULATION_OUTCOMES if amounts else TIER_OUTCOMES
    for item in data.get("outcomes") or ():
        value = str(item.get("value"))
        if value not in allowed:
            raise PackError(f"{where}, outcome {value}: must be one of {', '.join(allowed)}")
        when = parse_expression(item.get("when"), where=f"{where}, outcome {value}", names=criterion_types,
                                expect=ValueType.BOOLEAN)  # fmt: skip
        stray = [n for n in when.names if n not in criterion_types]
        if stray:
            raise PackError(
                f"{where}, outcome {value}: {stray[0]!r} is not an evaluated criterion of the pack"
            )
        outcomes.append(Outcome(value, when))
    if not outcomes:
        raise PackError(f"{where}: no outcomes")

    return RulePack(
        id=pack_id,
        version=_text(data, "version", where),
        title_zh=_text(data, "title_zh", where),
        title_en=_text(data, "title_en", where),
        document=pack_document,
        document_title_zh=_text(data, "document_title_zh", where),
        issuer_zh=_text(data, "issuer_zh", where),
        issued=str(data.get("issued") or ""),
        effective_from=_date(data.get("effective_from"), where),
        dates_note_en=str(data.get("dates_note_en") or ""),
        tier=tier,
        applies=applies,
        provisional=provisional,
        decisions=decisions,
        uses=uses,
        derived=tuple(derived),
        criteria=tuple(criteria),
        categories=tuple(categories),
        outcomes=tuple(outcomes),
        industries=tuple(industries),
        band_edge=band_edge,
        path=path,
        parameters=parameters,
        amounts=tuple(amounts),
        findings=tuple(findings),
    )


def _confidence(value: object, where: str) -> Confidence:
    try:
        return Confidence(str(value))
    except ValueError:
        raise PackError(f"{where}: confidence must be C, S or U (criteria.md §0.1), not {value!r}") from None


def _build_parameters(items: Any, where: str, pack_document: str, pack_href: str) -> dict[str, Parameter]:
    parameters: dict[str, Parameter] = {}
    for item in items or ():
        pid, pwhere = _entry(item, "parameter", where, _PARAMETER_KEYS)
        if pid in parameters or pid in FIELDS_BY_NAME:
            raise PackError(f"{pwhere}: the name is already taken")
        value = _decimal(item.get("value"), f"{pwhere}, value")
        bounds = {
            key: None if item.get(key) is None else _decimal(item[key], f"{pwhere}, {key}")
            for key in ("minimum", "maximum")
        }
        parameter = Parameter(
            id=pid,
            label_zh=_text(item, "label_zh", pwhere),
            label_en=_text(item, "label_en", pwhere),
            value=value,
            default=value,
            clause=_text(item, "clause", pwhere),
            confidence=_confidence(item.get("confidence"), pwhere),
            document=str(item.get("document") or pack_document),
            href=_href(item.get("href", pack_href), pwhere),
            minimum=bounds["minimum"],
            maximum=bounds["maximum"],
            display=str(item.get("display", "number")),
            note_zh=str(item.get("note_zh") or ""),
            note_en=str(item.get("note_en") or ""),
        )
        parameter.checked(value, pwhere)  # the default itself keeps the bounds
        parameters[pid] = parameter
    return parameters


def _constant_divisors_only(expression: Expression, where: str) -> None:
    """An amount divides only by a non-zero literal (10 / 90, 2 / 3): it is never "not computable" (D4), and
    its exact value always has a denominator the engines agree on."""
    for node in expression.tree.walk():
        if isinstance(node, exp.Div):
            divisor = node.expression
            while isinstance(divisor, exp.Paren):
                divisor = divisor.this
            if not (
                isinstance(divisor, exp.Literal) and not divisor.is_string and Decimal(divisor.this) != 0
            ):
                raise PackError(f"{where}: an amount divides only by a non-zero number, not {node.sql()!r}")


def _build_amounts(
    items: Any,
    where: str,
    names: dict[str, ValueType],
    criteria: list[Criterion],
    derived: list[Derived],
    pack_document: str,
    pack_href: str,
) -> list[Amount]:
    """Amounts see fields, parameters, derived values without a division, the pack's own conditions (not a
    composition or a score threshold: those are decided after the amounts) and the amounts before them."""
    visible = dict(names)
    for item in derived:
        if item.expression.has_division():
            visible.pop(item.id, None)
    for criterion in criteria:
        if criterion.evaluated and not isinstance(criterion, Indicator | Composition | ScoreThreshold):
            visible[criterion.id] = ValueType.BOOLEAN
    amounts: list[Amount] = []
    for item in items or ():
        aid, awhere = _entry(item, "amount", where, _AMOUNT_KEYS)
        if aid in visible or aid in FIELDS_BY_NAME or aid in {c.id for c in criteria}:
            raise PackError(f"{awhere}: the name is already taken")
        expression = parse_expression(item.get("expr"), where=awhere, names=visible, expect=ValueType.NUMBER)
        _constant_divisors_only(expression, awhere)
        display = _amount_display(item.get("display", "money"), awhere)
        amounts.append(
            Amount(
                id=aid,
                label_zh=_text(item, "label_zh", awhere),
                label_en=_text(item, "label_en", awhere),
                expression=expression,
                clause=_text(item, "clause", awhere),
                confidence=_confidence(item.get("confidence"), awhere),
                document=str(item.get("document") or pack_document),
                href=_href(item.get("href", pack_href), awhere),
                display=display,
                written=bool(item.get("written", False)),
                column=str(item.get("column") or aid),
                note_zh=str(item.get("note_zh") or ""),
                note_en=str(item.get("note_en") or ""),
            )
        )
        visible[aid] = ValueType.NUMBER
    columns = [a.column for a in amounts if a.written]
    if len(set(columns)) != len(columns):
        raise PackError(f"{where}: two written amounts share a column name")
    return amounts


def _build_findings(
    items: Any, where: str, names: dict[str, ValueType], criteria: list[Criterion], amounts: list[Amount]
) -> list[Finding]:
    visible = dict(names)
    visible.update({c.id: ValueType.BOOLEAN for c in criteria if c.is_boolean and c.evaluated})
    visible.update({a.id: ValueType.NUMBER for a in amounts})
    findings: list[Finding] = []
    for item in items or ():
        fid, fwhere = _entry(item, "finding", where, _FINDING_KEYS)
        when = parse_expression(item.get("when"), where=fwhere, names=visible, expect=ValueType.BOOLEAN)
        values = []
        for key, spec in (item.get("values") or {}).items():
            spec = spec if isinstance(spec, dict) else {"expr": spec}
            display = _amount_display(spec.get("display", "money"), f"{fwhere}, {key}")
            expression = parse_expression(
                spec.get("expr"), where=f"{fwhere}, {key}", names=visible, expect=ValueType.NUMBER
            )
            values.append((str(key), expression, display))
        messages = {lang: _text(item, f"message_{lang}", fwhere) for lang in ("zh", "en")}
        for lang, message in messages.items():
            wanted = set(re.findall(r"{(\w+)}", message))
            missing = wanted - {key for key, _, _ in values}
            if missing:
                raise PackError(
                    f"{fwhere}: message_{lang} names {sorted(missing)[0]!r}, which is not a value"
                )
        findings.append(Finding(fid, when, tuple(values), messages["zh"], messages["en"]))
    return findings


def _build_criterion(
    item: Any,
    pack_where: str,
    names: dict[str, ValueType],
    category_ids: set[str],
    known_packs: dict[str, RulePack],
    uses: tuple[str, ...],
    provisional: bool,
    industries: list[IndustryRule],
    pack_document: str,
    pack_href: str,
) -> Criterion:
    """The criterion of the type its kind and keys make it, built from that type's own keys (a key of another
    type is an error naming it)."""
    cid, where = _entry(item, "criterion", pack_where, _ALL_CRITERION_KEYS)
    try:
        kind = Kind(item.get("kind"))
    except ValueError:
        raise PackError(f"{where}: kind must be one of {', '.join(k.value for k in Kind)}") from None
    criterion_type = _criterion_type(item, kind)
    if kind not in criterion_type.KINDS:
        raise PackError(f"{where}: only a condition, a route or an eligibility rule may be left unevaluated")
    stray = sorted(set(item) - _CRITERION_KEYS - _OWN_KEYS[criterion_type])
    if stray:
        own = ", ".join(sorted(_OWN_KEYS[criterion_type])) or "none"
        raise PackError(
            f"{where}: {stray[0]} does not belong to {_TYPE_NAMES[criterion_type].format(kind=kind)} "
            f"(its own keys: {own})"
        )
    clause = item.get("clause")
    if not isinstance(clause, str) or not clause.strip():
        raise PackError(f"{where}: the clause it cites is missing")
    try:
        confidence = Confidence(str(item.get("confidence")))
    except ValueError:
        raise PackError(
            f"{where}: confidence must be C, S or U (criteria.md §0.1), not {item.get('confidence')!r}"
        ) from None
    if provisional and confidence == Confidence.CONFIRMED:
        raise PackError(f"{where}: a provisional pack marks every rule secondary (S) or unconfirmed (U)")
    display = str(item.get("display", "number"))
    if display not in _DISPLAYS:
        raise PackError(f"{where}: display must be one of {', '.join(sorted(_DISPLAYS))}")
    common: dict[str, Any] = {
        "id": cid,
        "kind": kind,
        "label_zh": _text(item, "label_zh", where),
        "label_en": _text(item, "label_en", where),
        "clause": clause.strip(),
        "confidence": confidence,
        "document": str(item.get("document") or pack_document),
        "href": _href(item.get("href", pack_href), where),
        "declared": bool(item.get("declared", False)),
        "note_zh": str(item.get("note_zh") or ""),
        "note_en": str(item.get("note_en") or ""),
        "threshold": item.get("threshold"),
        "display": display,
    }
    if criterion_type is Unevaluated:
        if not common["note_en"] or not common["note_zh"]:
            raise PackError(f"{where}: a criterion that is not evaluated must say why (note_zh, note_en)")
        return Unevaluated(**common)
    if criterion_type is Indicator:
        return _build_indicator(item, where, common, names, category_ids)
    if criterion_type is Composition:
        return _build_composition(item, where, common, known_packs, uses)
    if criterion_type is ScoreThreshold:
        thresholds = {
            str(k): _decimal(v, f"{where}, score_at_least") for k, v in (item["score_at_least"] or {}).items()
        }
        bad_keys = [k for k in thresholds if k != "total" and k not in category_ids]
        if not thresholds or bad_keys:
            raise PackError(f"{where}: score_at_least {(bad_keys or [''])[0]!r} is not total or a category")
        return ScoreThreshold(**common, score_at_least=thresholds)
    if criterion_type is IndustryTest:
        if not industries or item["industry_test"] not in ("sme", "medium", "small"):
            raise PackError(
                f"{where}: industry_test needs the pack's industries and one of sme, medium, small"
            )
        return IndustryTest(**common, industry_test=item["industry_test"])
    if criterion_type is DivisionExclusion:
        divisions = tuple(str(d) for d in item["not_in_divisions"] or ())
        if not divisions or not all(len(d) == 2 and d.isdigit() for d in divisions):
            raise PackError(f"{where}: not_in_divisions lists two-digit GB/T 4754 divisions")
        return DivisionExclusion(**common, not_in_divisions=divisions)
    if criterion_type is IndustryKnown:
        if item["builtin"] != IndustryKnown.builtin:
            raise PackError(f"{where}: unknown builtin {item['builtin']!r}")
        return IndustryKnown(**common)
    test = parse_expression(item.get("test"), where=where, names=names, expect=ValueType.BOOLEAN)
    gaps = _gaps(item.get("gap"), where)
    return Condition(
        **common, test=test, gap=gaps[0] if gaps else None, year_gaps=gaps if len(gaps) > 1 else ()
    )


def _criterion_type(item: dict[str, Any], kind: Kind) -> type[Criterion]:
    if not item.get("evaluated", True):
        return Unevaluated
    if kind == Kind.INDICATOR:
        return Indicator
    if kind == Kind.COMPOSITION:
        return Composition
    for key, criterion_type in _DECIDED_BY:
        if key in item:
            return criterion_type
    return Condition


def _gaps(gap: Any, where: str) -> tuple[Gap, ...]:
    """The gap: one field and its direction, or one per year for a condition on several years."""
    if gap is None:
        return ()
    gaps: list[Gap] = []
    for entry in gap if isinstance(gap, list) else [gap]:
        gap_field = str(entry.get("field")) if isinstance(entry, dict) else "?"
        if gap_field not in FIELDS_BY_NAME or not FIELDS_BY_NAME[gap_field].is_numeric:
            raise PackError(f"{where}: gap field {gap_field!r} is not a numeric field")
        if entry.get("direction") not in ("up", "down"):
            raise PackError(f"{where}: gap direction must be up or down")
        gaps.append(Gap(gap_field, entry["direction"]))
    return tuple(gaps)


def _build_indicator(
    item: dict[str, Any],
    where: str,
    common: dict[str, Any],
    names: dict[str, ValueType],
    category_ids: set[str],
) -> Indicator:
    category = item.get("category")
    if category not in category_ids:
        raise PackError(f"{where}: category {category!r} is not a category of the pack")
    max_points = _decimal(item.get("max_points"), f"{where}, max_points")
    gaps = _gaps(item.get("gap"), where)
    if len(gaps) > 1:
        raise PackError(f"{where}: an indicator moves one input to its next band: one gap field")
    common = {**common, "category": category, "max_points": max_points, "gap": gaps[0] if gaps else None}
    scorings = [key for key in ("bands", "options", "points") if key in item]
    if not scorings:
        raise PackError(f"{where}: an indicator needs bands, options or a points formula")
    if len(scorings) > 1:
        raise PackError(f"{where}: {scorings[1]} does not belong to an indicator scored by {scorings[0]}")
    if "value" in item and scorings[0] != "bands":
        raise PackError(f"{where}: value does not belong to an indicator scored by {scorings[0]}")
    if scorings[0] == "bands":
        value = parse_expression(item.get("value"), where=where, names=names, expect=ValueType.NUMBER)
        return Indicator(**common, value=value, bands=_build_bands(item["bands"], where, max_points))
    if scorings[0] == "options":
        options = []
        for index, option in enumerate(item["options"] or ()):
            label = _text(option, "label", f"{where}, option {index + 1}")
            when = parse_expression(option.get("when"), where=f"{where}, option {label}", names=names,
                                    expect=ValueType.BOOLEAN)  # fmt: skip
            points = _decimal(option.get("points"), f"{where}, option {label}, points")
            if points > max_points or points < 0:
                raise PackError(f"{where}, option {label}: points {points} outside 0..{max_points}")
            options.append(Option(label, when, points))
        ordered = sorted(options, key=lambda o: o.points, reverse=True)
        if ordered != options:
            raise PackError(f"{where}: options must be listed from the highest points down")
        if not options or options[0].points != max_points:
            best = options[0].points if options else None
            raise PackError(f"{where}: the best option scores {best}, not max_points {max_points}")
        return Indicator(**common, options=tuple(options))
    formula = parse_expression(item.get("points"), where=where, names=names, expect=ValueType.NUMBER)
    if formula.has_division():
        raise PackError(f"{where}: a points formula may not divide")
    return Indicator(**common, points=formula)


def _build_composition(
    item: dict[str, Any],
    where: str,
    common: dict[str, Any],
    known_packs: dict[str, RulePack],
    uses: tuple[str, ...],
) -> Composition:
    composition = item.get("composition") or {}
    used = composition.get("pack")
    if used not in uses:
        raise PackError(f"{where}: composition pack {used!r} must be listed in the pack's uses")
    if "criterion" in composition:
        # Met when the used pack's criterion is met, even while that pack's outcome is undecided (the size
        # pack's SME ceiling: an enterprise certainly under it is an SME whatever its class).
        used_id = str(composition["criterion"])
        used_criteria = {c.id: c for c in known_packs[used].criteria}
        if used_id not in used_criteria or not used_criteria[used_id].is_boolean or "outcomes" in composition:
            raise PackError(
                f"{where}: composition criterion {used_id!r} is not a condition of {used} "
                "(name a criterion or outcomes, not both)"
            )
        return Composition(**common, composition_pack=used, composition_criterion=used_id)
    outcomes = tuple(str(o) for o in composition.get("outcomes") or ())
    bad = [o for o in outcomes if o not in known_packs[used].outcome_values]
    if not outcomes or bad:
        raise PackError(f"{where}: composition outcomes {bad or outcomes} are not outcomes of {used}")
    return Composition(**common, composition_pack=used, composition_outcomes=outcomes)


def _build_bands(items: Any, where: str, max_points: Decimal) -> tuple[Band, ...]:
    """Bands must cover every value exactly once, adjacent bands sharing their edge (decided by D1)."""
    bands: list[Band] = []
    for index, item in enumerate(items or ()):
        label = _text(item, "label", f"{where}, band {index + 1}")
        low = None if item.get("from") is None else _decimal(item["from"], f"{where}, band {label}, from")
        high = None if item.get("to") is None else _decimal(item["to"], f"{where}, band {label}, to")
        points = _decimal(item.get("points"), f"{where}, band {label}, points")
        if low is not None and high is not None and low >= high:
            raise PackError(f"{where}, band {label}: from {low} must be below to {high}")
        if points < 0 or points > max_points:
            raise PackError(f"{where}, band {label}: points {points} outside 0..{max_points}")
        bands.append(Band(label, low, high, points))
    if len(bands) < 2:
        raise PackError(f"{where}: an indicator needs at least two bands")
    ordered = sorted(bands, key=lambda b: (b.low is not None, b.low or 0))
    if ordered[0].low is not None:
        raise PackError(
            f"{where}: bands leave a gap below {ordered[0].low} (the lowest band needs no 'from')"
        )
    if ordered[-1].high is not None:
        raise PackError(
            f"{where}: bands leave a gap above {ordered[-1].high} (the highest band needs no 'to')"
        )
    for lower, upper in zip(ordered, ordered[1:], strict=False):
        if lower.high is None or upper.low is None or lower.high > upper.low:
            raise PackError(f"{where}: bands {lower.label!r} and {upper.label!r} overlap")
        if lower.high < upper.low:
            raise PackError(f"{where}: bands {lower.label!r} and {upper.label!r} leave a gap")
    if max(b.points for b in bands) != max_points:
        raise PackError(
            f"{where}: the best band scores {max(b.points for b in bands)}, not max_points {max_points}"
        )
    return tuple(bands)
