"""Property: for random linear conditions (comparisons strict and not, ratios, sums, differences, multiples,
conjunctions) and random enterprises (unknown values, zero denominators, values on the bound), the gap solved
directly in exact fractions (rules/linear_gaps.py) is the change the gap search finds, to the step of the
field's kind (a yuan, a person, 0.01, a hundredth of a percentage point); and when no change of the field
helps, both say so."""

from decimal import Decimal

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from littlegiant.policies.conditions import Condition, PolicyTerms, gap_of, parse_condition, policy_pack
from littlegiant.rules.evaluation import UNMET, criterion_with_change, evaluate_pack, lookup_for
from littlegiant.rules.explanation import GAP_STEPS, _search
from littlegiant.rules.linear_gaps import UNSOLVED, linear_plan, solve
from littlegiant.rules.schema import FIELDS_BY_NAME

MONEY = ["rd_expense", "operating_revenue", "operating_revenue_prev", "total_assets"]
COUNTS = ["employees", "ip_class1"]
NUMBERS = ["local_indicator_score", "employees_avg"]
FRACTIONS = ["national_niche_market_share"]
NAMES = MONEY + COUNTS + NUMBERS + FRACTIONS
OPERATORS = [">", ">=", "<", "<="]

constants = st.one_of(
    st.integers(0, 5_000_000).map(str),
    st.integers(0, 10_000).map(lambda n: str(Decimal(n) / 100)),
    st.integers(0, 10_000).map(lambda n: str(Decimal(n) / 10_000)),
)
names = st.sampled_from(NAMES)


@st.composite
def sides(draw: st.DrawFn) -> str:
    form = draw(st.integers(0, 5))
    a, b, c = draw(names), draw(names), draw(names)
    k = draw(constants)
    return [
        a,
        f"{a} / {b}",
        f"{a} * {k}",
        f"{a} - {b}",
        f"({a} + {b}) / {c}",
        f"-{a}",
    ][form]


@st.composite
def comparisons(draw: st.DrawFn) -> str:
    left = draw(sides())
    right = draw(st.one_of(constants, sides()))
    return f"{left} {draw(st.sampled_from(OPERATORS))} {right}"


@st.composite
def conditions(draw: st.DrawFn) -> str:
    parts = draw(st.lists(comparisons(), min_size=1, max_size=3))
    return " AND ".join(parts)


def value(name: str) -> st.SearchStrategy[object]:
    kind = FIELDS_BY_NAME[name].kind.value
    known: st.SearchStrategy[object]
    if kind == "money":
        known = st.one_of(
            st.integers(0, 50_000_000).map(Decimal), st.integers(0, 10**9).map(lambda n: Decimal(n) / 100)
        )
    elif kind == "count":
        known = st.integers(0, 2_000)
    elif kind == "fraction":
        known = st.integers(0, 100).map(lambda n: Decimal(n) / 100)
    else:
        known = st.integers(0, 4_000).map(lambda n: Decimal(n) / 4)
    return st.one_of(st.none(), st.just(Decimal(0)), known, known, known)


records = st.fixed_dictionaries({name: value(name) for name in NAMES})


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=conditions(), record=records)
def test_a_linear_conditions_solved_gap_equals_the_searched_one(text: str, record: dict[str, object]) -> None:
    expression = parse_condition(text)
    gap = gap_of(expression)
    if gap is None:
        return
    terms = PolicyTerms(f"property.{text}", "性质", "property", "", "", (Condition(text, text, expression),))
    pack = policy_pack(f"property.{text}", (), lambda: terms)
    criterion = pack.criteria[0]
    if evaluate_pack(pack, record).criteria[criterion.id].status != UNMET or record.get(gap.field) is None:
        return
    current = Decimal(str(record[gap.field]))
    step = GAP_STEPS[FIELDS_BY_NAME[gap.field].kind]
    changed_to = criterion_with_change(pack, criterion, record, {}, gap.field)

    def holds(x: Decimal) -> bool:
        return changed_to(x).truth is True

    plan = linear_plan(pack, criterion, gap.field)
    if plan is None:
        return  # not linear in the field: the search alone decides
    solved = solve(plan, lookup_for(pack, record), current, step, gap.direction)  # type: ignore[arg-type]
    if solved is UNSOLVED:
        return  # a part a move the gap's way would break: the search decides
    event("solved")
    assert solved == _search(current, step, gap.direction, holds), (text, record, gap)
