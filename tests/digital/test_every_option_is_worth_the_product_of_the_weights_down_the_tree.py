"""The independent check of the scorer (digital-questionnaire-2024.md §2.1): "Each `weight` is a percentage of
its parent. An option's points are the product down the tree", e.g. "Q4, 产品设计: 50 × 20 % × 100 % × 100 %
× 7 % = 0.7". Here each option's points are recomputed from the weights alone and compared with the points the
data file states; random answer sets are then scored both ways. §9: the dimensions add up to 50, 30 and 20."""

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from littlegiant.digital import questionnaire, scoring

Q = questionnaire.load()


def weight_points(item, option) -> Fraction:
    dimension = Q.dimension(item.dimension)
    sub = next(s for s in dimension.subdimensions if s.id == item.subdimension)
    return (
        dimension.points
        * Fraction(sub.weight, 100)
        * Fraction(item.indicator_weight, 100)
        * Fraction(option.weight, 100)
    )


def test_each_option_states_the_product_of_its_weights() -> None:
    for item in Q.items:
        for option in item.options:
            assert option.points == weight_points(item, option), (item.id, option.key)


def test_the_dimensions_add_up_to_50_30_and_20_and_the_whole_to_100() -> None:
    totals = {d.id: sum((i.max_points for i in Q.items_of(d.id)), Fraction(0)) for d in Q.dimensions}
    assert totals == {"foundation": 50, "management": 30, "results": 20}
    assert Q.max_points == 100


def _answer(item):
    if item.kind == "band":
        return st.decimals(min_value=0, max_value=100, places=3).map(str)
    if item.kind == "multiple":
        keys = [o.key for o in item.options if not o.none]
        return st.lists(st.sampled_from(keys), unique=True, min_size=1)
    return st.sampled_from([o.key for o in item.options])


@settings(max_examples=200, deadline=None)
@given(st.fixed_dictionaries({item.id: _answer(item) for item in Q.items}))
def test_the_scorer_agrees_with_the_weights_for_any_answers(answers: dict) -> None:
    expected = Fraction(0)
    for item in Q.items:
        value = answers[item.id]
        if item.kind == "band":
            percent = Fraction(value)
            chosen = [o for o in item.options if o.contains(percent)]
            assert len(chosen) == 1  # the intervals neither overlap nor leave gaps
        elif item.kind == "multiple":
            chosen = [o for o in item.options if o.key in value]
        else:
            chosen = [item.option(value)]
        expected += sum((weight_points(item, o) for o in chosen), Fraction(0))
    assert scoring.score(Q, answers).total == expected
