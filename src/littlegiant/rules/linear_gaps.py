"""The gap of a condition solved directly, when the condition is linear in the number to change.

Most conditions compare canonical fields linearly (`rd_expense >= 1000000`, `rd_expense / operating_revenue >=
0.03`, `employees <= 300 AND total_assets <= 50000000`). For those the smallest change is a threshold that can
be computed in exact rationals instead of searched for: each comparison is `p + s·k ≥ 0` (or `> 0`) in the
number of steps k, so k is a ceiling (or a floor plus one past a strict bound). `explanation.gaps` asks this
first and keeps its search for what cannot be solved here; tests/rules prove both give the same change.

Solved: a condition that is one comparison (`>`, `>=`, `<`, `<=`) or an AND of parts, where every part that reads
the changed field is such a comparison with the field only added, subtracted, multiplied by or divided by numbers
that do not read it, and moving the field the gap's way can only help (the search's own assumption: holding is
monotone in the steps). Anything else (`=`, OR, NOT, CASE, LEAST, a derived value reading the field, a part
that a move the gap's way would break) is left to the search.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Final

from sqlglot import exp

from littlegiant.rules.expressions import Closure, PyValue, to_closure
from littlegiant.rules.pack import Condition, Criterion, RulePack

Lookup = Callable[[str], PyValue]
# a + b·x in the changed field x, or None when a number it reads is unknown or not computable (D5, D4): a
# comparison with such a side never holds, whatever x is.
LinearForm = Callable[[Lookup], tuple[Fraction, Fraction] | None]

# The search gives up past 2**62 steps; the solution does the same so that both always agree.
MOST_STEPS: Final = 2**62
ZERO, ONE = Fraction(0), Fraction(1)


class _Unsolved:
    """The condition is not one this module solves: ask the search."""

    def __repr__(self) -> str:
        return "UNSOLVED"


UNSOLVED: Final = _Unsolved()

_ORDERINGS = (exp.GT, exp.GTE, exp.LT, exp.LTE)


@dataclass(frozen=True, slots=True)
class _Comparison:
    left: LinearForm
    right: LinearForm
    greater: bool  # > or >=: the left side must exceed the right
    strict: bool  # > or <


@dataclass(frozen=True, slots=True)
class LinearPlan:
    """A condition taken apart once per pack: the parts that do not read the field (which must already hold)
    and the comparisons that do, as linear forms."""

    fixed: tuple[Closure, ...]
    comparisons: tuple[_Comparison, ...]


def _strip(node: exp.Expression) -> exp.Expression:
    while isinstance(node, exp.Paren):
        node = node.this
    return node


def _conjuncts(node: exp.Expression) -> list[exp.Expression]:
    node = _strip(node)
    if isinstance(node, exp.And):
        return _conjuncts(node.this) + _conjuncts(node.expression)
    return [node]


def _reads(node: exp.Expression, affected: frozenset[str]) -> bool:
    return any(column.name in affected for column in node.find_all(exp.Column))


def _constant(node: exp.Expression) -> LinearForm:
    closure = to_closure(node)

    def constant(lookup: Lookup) -> tuple[Fraction, Fraction] | None:
        value = closure(lookup)
        return (value, ZERO) if type(value) is Fraction else None

    return constant


def _linear(node: exp.Expression, field: str, affected: frozenset[str]) -> LinearForm | None:  # noqa: C901
    """The node as a linear form in `field`, None when it is not one (or not one this module can see)."""
    node = _strip(node)
    if not _reads(node, affected):
        return _constant(node)
    if isinstance(node, exp.Column):
        # A derived value reading the field may be anything (a CASE, a LEAST): left to the search.
        return (lambda lookup: (ZERO, ONE)) if node.name == field else None
    if isinstance(node, exp.Neg):
        inner = _linear(node.this, field, affected)
        if inner is None:
            return None

        def negate(lookup: Lookup) -> tuple[Fraction, Fraction] | None:
            found = inner(lookup)
            return None if found is None else (-found[0], -found[1])

        return negate
    if isinstance(node, exp.Add | exp.Sub):
        first, second = _linear(node.this, field, affected), _linear(node.expression, field, affected)
        if first is None or second is None:
            return None
        sign = 1 if isinstance(node, exp.Add) else -1

        def add(lookup: Lookup) -> tuple[Fraction, Fraction] | None:
            a, b = first(lookup), second(lookup)
            if a is None or b is None:
                return None
            return a[0] + sign * b[0], a[1] + sign * b[1]

        return add
    if isinstance(node, exp.Mul):
        if _reads(node.this, affected) and _reads(node.expression, affected):
            return None  # a product of two terms reading the field is not linear
        varying, fixed = (
            (node.this, node.expression) if _reads(node.this, affected) else (node.expression, node.this)
        )
        inner, factor = _linear(varying, field, affected), _constant(fixed)
        if inner is None:
            return None

        def multiply(lookup: Lookup) -> tuple[Fraction, Fraction] | None:
            a, c = inner(lookup), factor(lookup)
            if a is None or c is None:
                return None
            return a[0] * c[0], a[1] * c[0]

        return multiply
    if isinstance(node, exp.Div):
        if _reads(node.expression, affected):
            return None  # the field in a denominator is not linear
        numerator, denominator = _linear(node.this, field, affected), _constant(node.expression)
        if numerator is None:
            return None

        def divide(lookup: Lookup) -> tuple[Fraction, Fraction] | None:
            c = denominator(lookup)
            if c is None or c[0] == 0:
                return None  # unknown, or not computable (D4): the comparison never holds
            a = numerator(lookup)
            return None if a is None else (a[0] / c[0], a[1] / c[0])

        return divide
    return None  # CASE, COALESCE, LEAST, GREATEST over the field: left to the search


def linear_plan(pack: RulePack, criterion: Criterion, field: str) -> LinearPlan | None:
    """The condition's plan for changing `field`, or None when it cannot be solved directly."""
    # Only a condition holds a plain test; the industry, division, score and composition kinds are left to the
    # search.
    if not isinstance(criterion, Condition):
        return None
    affected = pack.names_reading(field)
    fixed: list[Closure] = []
    comparisons: list[_Comparison] = []
    for part in _conjuncts(criterion.test.tree):
        if not _reads(part, affected):
            fixed.append(to_closure(part))
            continue
        if not isinstance(part, _ORDERINGS):
            return None
        left, right = _linear(part.this, field, affected), _linear(part.expression, field, affected)
        if left is None or right is None:
            return None
        comparisons.append(
            _Comparison(left, right, isinstance(part, exp.GT | exp.GTE), isinstance(part, exp.GT | exp.LT))
        )
    return LinearPlan(tuple(fixed), tuple(comparisons))


def solve(
    plan: LinearPlan, lookup: Lookup, current: Decimal, step: Decimal, direction: str
) -> Decimal | _Unsolved | None:
    """The smallest multiple of `step` to add (`up`) or take away (`down`, not below zero) so that the
    condition holds, exactly as `explanation._search` would find it; None when no such change exists;
    UNSOLVED when a part is not monotone the gap's way (the search decides those)."""
    for part in plan.fixed:
        if part(lookup) is not True:
            return (
                None  # a part the change does not touch fails (or is unknown): no change of this field helps
            )
    origin = Fraction(current)
    move = Fraction(step) if direction == "up" else -Fraction(step)
    steps = 1
    for comparison in plan.comparisons:
        left, right = comparison.left(lookup), comparison.right(lookup)
        if left is None or right is None:
            return None
        # left - right = offset + slope·k after k steps; the comparison asks it to be ≥ 0 (or > 0).
        coefficient = left[1] - right[1]
        offset = left[0] - right[0] + coefficient * origin
        slope = coefficient * move
        if not comparison.greater:
            offset, slope = -offset, -slope
        if slope == 0:
            if offset > 0 or (offset == 0 and not comparison.strict):
                continue
            return None
        if slope < 0:
            return UNSOLVED
        bound = -offset / slope  # the comparison holds from this many steps on (past it, if strict)
        floor = bound.numerator // bound.denominator
        needed = floor + 1 if comparison.strict or floor != bound else floor
        steps = max(steps, needed)
    if steps > MOST_STEPS:
        return None
    if direction != "up" and steps > int(current // step):
        return None  # below zero
    return step * steps
