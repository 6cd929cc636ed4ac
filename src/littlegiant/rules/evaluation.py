"""What a pack decides for one enterprise (PackResult), and the reference evaluator: the pack's meaning in
plain Python.

The reference evaluator reads the same pack data as the SQL compiler but shares none of its code: exact
rationals (`fractions.Fraction`), Kleene three-valued logic for unknown inputs (decision D5) and "not
computable" for a zero denominator (decision D4). The property test checks that both agree; the gap analysis
asks it "what if".
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache

from littlegiant.rules.expressions import NOT_COMPUTABLE, Expression, PyValue, zero_denominator
from littlegiant.rules.industries import size_industry
from littlegiant.rules.pack import (
    INSUFFICIENT,
    Composition,
    Condition,
    Criterion,
    DivisionExclusion,
    Indicator,
    IndustryKnown,
    IndustryTest,
    RulePack,
    ScoreThreshold,
)
from littlegiant.rules.schema import FIELDS_BY_NAME, FieldKind

MET, UNMET, UNKNOWN, NOT_EVALUATED = "met", "unmet", "unknown", "not_evaluated"


@dataclass
class CriterionResult:
    """One criterion's result: truth for a condition (None = unknown), points and band for an indicator."""

    truth: bool | None = None
    status: str = UNKNOWN
    value: object = None  # Fraction, NOT_COMPUTABLE, str (industry, outcome) or None
    band: int | None = None  # index into the criterion's bands or options
    points: Fraction | None = None
    zero: bool = False  # a denominator was exactly zero (D4)


@dataclass
class PackResult:
    """Everything a pack decides for one enterprise."""

    pack_id: str
    outcome: str
    criteria: dict[str, CriterionResult] = field(default_factory=dict)
    categories: dict[str, tuple[Fraction, Fraction]] = field(default_factory=dict)  # lowest, highest possible
    score_range: tuple[Fraction, Fraction] | None = None
    # A calculation pack's amounts: exact (None = unknown, D5), and as written out, rounded to the fen (D12).
    amounts: dict[str, Fraction | None] = field(default_factory=dict)
    written: dict[str, Decimal | None] = field(default_factory=dict)

    @property
    def score(self) -> Fraction | None:
        if self.score_range is None or self.score_range[0] != self.score_range[1]:
            return None
        return self.score_range[0]


def status_of(truth: bool | None) -> str:
    return MET if truth is True else UNMET if truth is False else UNKNOWN


def indicator_status(points: Fraction | None) -> str:
    if points is None:
        return UNKNOWN
    return MET if points > 0 else UNMET


def to_python_value(name: str, raw: object) -> PyValue:
    """A record's value as the evaluator sees it: numbers as Fraction, booleans, text; None is unknown."""
    try:
        return _converted(name, raw)
    except TypeError:  # an unhashable value: convert it without the cache
        return _convert(name, raw)


@lru_cache(maxsize=8192)
def _converted(name: str, raw: object) -> PyValue:
    # The gap search asks for the same inputs hundreds of times; Fraction construction dominates otherwise.
    return _convert(name, raw)


def _convert(name: str, raw: object) -> PyValue:
    if raw is None:
        return None
    kind = FIELDS_BY_NAME[name].kind
    if kind == FieldKind.BOOLEAN:
        return bool(raw)
    if kind in (FieldKind.TEXT, FieldKind.ENUM):
        return str(raw)
    if isinstance(raw, float):
        raw = Decimal(repr(raw))
    return Fraction(Decimal(str(raw)) if not isinstance(raw, int | Decimal | Fraction) else raw)


def round_to_fen(value: Fraction | None) -> Decimal | None:
    """An exact amount as written out: rounded half up (away from zero on a tie) to the fen (decision D12)."""
    if value is None:
        return None
    hundredths = abs(value) * 100
    fen = (2 * hundredths.numerator + hundredths.denominator) // (2 * hundredths.denominator)
    return Decimal(fen if value >= 0 else -fen).scaleb(-2)


def range_truth(low: Fraction, high: Fraction, threshold: Fraction) -> bool | None:
    """Whether a score known to lie in [low, high] reaches the threshold (D5: decided if the range says)."""
    if low >= threshold:
        return True
    if high < threshold:
        return False
    return None


def combine_and(values: list[bool | None]) -> bool | None:
    if any(v is False for v in values):
        return False
    return None if any(v is None for v in values) else True


def lookup_for(pack: RulePack, record: Mapping[str, object]) -> object:
    """Each field and derived value of the pack for this record, computed on first use (the reference
    semantics)."""
    cache: dict[str, PyValue] = {}
    derived_by_name = pack.derived_by_id
    parameters = pack.parameter_values

    def lookup(name: str) -> PyValue:
        if name in cache:
            return cache[name]
        derived = derived_by_name.get(name)
        if derived is not None:
            value = derived.expression.evaluate(lookup)
        elif name in parameters:
            value = parameters[name]
        else:
            value = to_python_value(name, record.get(name))
        cache[name] = value
        return value

    return lookup


def _industry_of(pack: RulePack, record: Mapping[str, object]) -> object:
    if not pack.industries:
        return None
    code = record.get("industry_code")
    return size_industry(str(code)) if code not in (None, "") else None


def criterion_with_change(
    pack: RulePack,
    criterion: Criterion,
    record: Mapping[str, object],
    dependencies: Mapping[str, PackResult],
    field_name: str,
) -> Callable[[object], CriterionResult]:
    """One criterion evaluated again and again with one input changed (the gap analysis's "what if"): the
    inputs and derived values that do not read the changed field are converted and computed once."""
    base = lookup_for(pack, record)
    assert callable(base)
    derived_by_name = pack.derived_by_id
    affected = pack.names_reading(field_name)
    industry = _industry_of(pack, record)

    def at(value: object) -> CriterionResult:
        cache: dict[str, PyValue] = {}

        def lookup(name: str) -> PyValue:
            if name not in affected:
                return base(name)
            if name in cache:
                return cache[name]
            if name == field_name:
                found = to_python_value(name, value)
            else:
                found = derived_by_name[name].expression.evaluate(lookup)
            cache[name] = found
            return found

        return _evaluate_criterion(pack, criterion, lookup, dependencies, industry, notes=False)

    return at


def evaluate_pack(
    pack: RulePack, record: Mapping[str, object], dependencies: Mapping[str, PackResult] | None = None
) -> PackResult:
    """Evaluate one pack for one enterprise, in Python; `dependencies` are the results of the packs it
    uses."""
    dependencies = dependencies or {}
    lookup = lookup_for(pack, record)
    result = PackResult(pack.id, INSUFFICIENT)
    industry = _industry_of(pack, record)

    for criterion in pack.criteria:
        result.criteria[criterion.id] = _evaluate_criterion(pack, criterion, lookup, dependencies, industry)

    if pack.scored:
        for category in pack.categories:
            low = high = Fraction(0)
            for criterion in pack.indicators:
                if criterion.category != category.id:
                    continue
                points = result.criteria[criterion.id].points
                low += points if points is not None else 0
                high += points if points is not None else Fraction(criterion.max_points)
            result.categories[category.id] = (low, high)
        result.score_range = (
            sum((r[0] for r in result.categories.values()), Fraction(0)),
            sum((r[1] for r in result.categories.values()), Fraction(0)),
        )
        for criterion in pack.criteria:
            if isinstance(criterion, ScoreThreshold):
                truths = []
                for key, threshold in criterion.score_at_least.items():
                    low, high = result.score_range if key == "total" else result.categories[key]
                    truths.append(range_truth(low, high, Fraction(threshold)))
                truth = combine_and(truths)
                result.criteria[criterion.id] = CriterionResult(truth=truth, status=status_of(truth))

    if pack.amounts:
        result.amounts = evaluate_amounts(pack, result, lookup)
        result.written = {a.id: round_to_fen(result.amounts[a.id]) for a in pack.written_amounts}

    def truth_of(name: str) -> PyValue:
        return result.criteria[name].truth

    for outcome in pack.outcomes:
        if outcome.when.evaluate(truth_of) is True:
            result.outcome = outcome.value
            break
    return result


def evaluate_amounts(
    pack: RulePack, result: PackResult, lookup: Callable[[str], PyValue]
) -> dict[str, Fraction | None]:
    """Every amount of a calculation pack in order, each reading the fields, parameters, the pack's conditions
    (as decided in `result`) and the amounts before it: exact rationals, None where an input is unknown."""
    values: dict[str, Fraction | None] = {}

    def amount_lookup(name: str) -> PyValue:
        if name in values:
            return values[name]
        if name in result.criteria:
            return result.criteria[name].truth
        return lookup(name)

    for amount in pack.amounts:
        value = amount.expression.evaluate(amount_lookup)
        assert value is None or type(value) is Fraction, (amount.id, value)
        values[amount.id] = value
    return values


def _evaluate_criterion(
    pack: RulePack,
    criterion: Criterion,
    lookup: object,
    dependencies: Mapping[str, PackResult],
    industry: object,
    *,
    notes: bool = True,
) -> CriterionResult:
    assert callable(lookup)

    def zero_in(expression: Expression) -> bool:
        return notes and zero_denominator(expression, lookup)  # type: ignore[arg-type]

    if not criterion.evaluated:
        return CriterionResult(status=NOT_EVALUATED)
    match criterion:
        case IndustryKnown():
            truth = None if industry is None else True
            return CriterionResult(
                truth=truth, status=status_of(truth), value=None if industry is None else str(industry)
            )
        case IndustryTest():
            if industry is None:
                return CriterionResult()
            rule = next(r for r in pack.industries if r.industry == industry)
            truth = rule.tests[criterion.industry_test].evaluate(lookup)
            assert truth is None or isinstance(truth, bool)
            return CriterionResult(truth=truth, status=status_of(truth))
        case DivisionExclusion():
            code = lookup("industry_code")
            if code is None:
                return CriterionResult()
            truth = str(code)[:2] not in criterion.not_in_divisions
            return CriterionResult(truth=truth, status=status_of(truth))
        case Composition(composition_criterion=str(used_id)):
            used = dependencies[criterion.composition_pack]
            truth = used.criteria[used_id].truth
            return CriterionResult(truth=truth, status=status_of(truth), value=used.outcome)
        case Composition():
            outcome = dependencies[criterion.composition_pack].outcome
            truth = None if outcome == INSUFFICIENT else outcome in criterion.composition_outcomes
            return CriterionResult(truth=truth, status=status_of(truth), value=outcome)
        case ScoreThreshold():
            return CriterionResult()  # decided once the indicators are scored
        case Condition():
            truth = criterion.test.evaluate(lookup)
            assert truth is None or isinstance(truth, bool)
            return CriterionResult(truth=truth, status=status_of(truth), zero=zero_in(criterion.test))
    assert isinstance(criterion, Indicator)
    return _score_indicator(criterion, lookup, zero_in)


def _score_indicator(
    criterion: Indicator, lookup: Callable[[str], PyValue], zero_in: Callable[[Expression], bool]
) -> CriterionResult:
    if criterion.value is not None:
        value = criterion.value.evaluate(lookup)
        if value is NOT_COMPUTABLE:
            return CriterionResult(status=UNMET, value=value, points=Fraction(0), zero=True)
        if value is None:
            return CriterionResult(value=None)
        assert type(value) is Fraction
        numerator, denominator = value.numerator, value.denominator
        for index, low, high, points in criterion.ranked_bands:
            # Cross-multiplied integers: the edges are Fractions with positive denominators.
            if (low is None or numerator * low.denominator >= low.numerator * denominator) and (
                high is None or numerator * high.denominator <= high.numerator * denominator
            ):
                return CriterionResult(
                    status=indicator_status(points), value=value, band=index, points=points
                )
        raise AssertionError("bands cover every value")
    if criterion.options:
        zero = any(zero_in(o.when) for o in criterion.options)
        for index, option in enumerate(criterion.options):
            holds = option.when.evaluate(lookup)
            if holds is None:
                return CriterionResult(zero=zero)
            if holds is True:
                points = Fraction(option.points)
                return CriterionResult(status=indicator_status(points), band=index, points=points, zero=zero)
        return CriterionResult(status=UNMET, points=Fraction(0), zero=zero)
    assert criterion.points is not None
    value = criterion.points.evaluate(lookup)
    if value is None or value is NOT_COMPUTABLE:
        return CriterionResult()
    assert type(value) is Fraction
    return CriterionResult(status=indicator_status(value), value=value, points=value)
