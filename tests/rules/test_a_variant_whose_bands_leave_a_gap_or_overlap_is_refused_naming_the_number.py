"""A variant validates like any pack: bands cover every value once (decision D1, adjacent bands share their edge).

The main-business share indicator (附件2 评价指标1): "A. 80%以上 5分; B. 70%-80% 3分; C. 60%-70% 1分; D. 60%以下
0分". Moving band B's upper edge alone opens a gap (to 75%) or an overlap (to 85%) with band A; the error names
the number that was changed. A number the pack does not have, or a value that is not a number, is refused too.
"""

from decimal import Decimal

import pytest

from littlegiant.rules import registry
from littlegiant.rules.variants import VariantError, make_variant

SRDI = registry.get("cn.miit.srdi-sme.2022")
B_TO = "criterion.main_share.band.2.to"


def test_a_gap_between_bands_is_refused_naming_the_band_edge():
    with pytest.raises(VariantError, match="leave a gap") as error:
        make_variant(SRDI, {B_TO: "0.75"})
    assert error.value.key == B_TO


def test_an_overlap_between_bands_is_refused_naming_the_band_edge():
    with pytest.raises(VariantError, match="overlap") as error:
        make_variant(SRDI, {B_TO: "0.85"})
    assert error.value.key == B_TO


def test_moving_a_shared_edge_on_both_sides_is_accepted():
    variant = make_variant(SRDI, {B_TO: "0.85", "criterion.main_share.band.1.from": "0.85"})
    assert [b.low for b in variant.criterion("main_share").bands][:2] == [Decimal("0.85"), Decimal("0.70")]


def test_points_above_the_indicators_maximum_are_refused():
    with pytest.raises(VariantError, match="outside 0..5") as error:
        make_variant(SRDI, {"criterion.main_share.band.1.points": "7"})
    assert error.value.key == "criterion.main_share.band.1.points"


@pytest.mark.parametrize(
    ("changes", "key", "message"),
    [
        ({"criterion.nowhere.test.1": "1"}, "criterion.nowhere.test.1", "no such number"),
        (
            {"criterion.main_share.band.1.from": "eighty"},
            "criterion.main_share.band.1.from",
            "not a plain decimal",
        ),
        (
            {"criterion.main_share.band.1.from": "1e999"},
            "criterion.main_share.band.1.from",
            "not a plain decimal",
        ),
    ],
)
def test_an_unknown_number_or_a_bad_value_is_refused_naming_it(changes, key, message):
    with pytest.raises(VariantError, match=message) as error:
        make_variant(SRDI, changes)
    assert error.value.key == key
