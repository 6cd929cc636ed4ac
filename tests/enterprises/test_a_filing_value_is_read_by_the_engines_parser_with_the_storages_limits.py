"""A filing value is read by the engine's parser (rules.records.coerce_value), then held to what its column
stores; every refusal names its problem in the reader's language (issue 10: one parser of a canonical field).

enterprise-data.md: "Booleans are `true`/`false` (also accept `1`/`0`, `yes`/`no`, `是`/`否`)"; "An empty cell
means **unknown**, never zero"; "Counts are non-negative integers; money may be negative only where it can be";
"Ratios and shares are **fractions**: 3% is `0.03`".
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import translation

from littlegiant.enterprises.filing_values import FilingValueError, parse_value
from littlegiant.rules.records import InputError, coerce_value
from littlegiant.rules.schema import FIELDS_BY_NAME


def parsed(name: str, raw: object) -> object:
    return parse_value(FIELDS_BY_NAME[name], raw)


def refusal(name: str, raw: object, language: str = "en") -> str:
    with translation.override(language), pytest.raises(FilingValueError) as caught:
        parsed(name, raw)
    return str(caught.value)


@pytest.mark.parametrize("raw", ["12", 12, Decimal("12"), "12.0", 12.0])
def test_a_count_is_stored_as_a_whole_number_however_it_is_written(raw):
    value = parsed("employees", raw)
    assert value == 12 and type(value) is int
    assert coerce_value(FIELDS_BY_NAME["employees"], raw) == Decimal(12)


@pytest.mark.parametrize(("raw", "expected"), [(1, True), (0, False), ("是", True), ("no", False)])
def test_the_booleans_the_spec_lists_are_read(raw, expected):
    assert parsed("own_brand", raw) is expected


@pytest.mark.parametrize("raw", [1.0, Decimal("1.0"), "1.0", 2])
def test_a_boolean_is_not_any_number_equal_to_one(raw):
    # The spec lists 1/0, not every number equal to them: the engine and the filing refuse 1.0 alike.
    with pytest.raises(InputError):
        coerce_value(FIELDS_BY_NAME["own_brand"], raw)
    assert "true or false" in refusal("own_brand", raw)
    assert "是" in refusal("own_brand", raw, "zh-hans") and "'" not in refusal("own_brand", raw, "zh-hans")


@pytest.mark.parametrize("raw", ["", "   ", None])
def test_empty_is_unknown(raw):
    assert parsed("operating_revenue", raw) is None


def test_the_engines_size_limits_hold_though_the_column_holds_more():
    assert refusal("operating_revenue", "100000000000000") == "is too large"  # 10^14 yuan
    assert parsed("operating_revenue", "99999999999999.99") == Decimal("99999999999999.99")
    assert refusal("employees", "1000000000") == "is too large"  # 10^9 people
    assert refusal("operating_revenue", "100000000000000", "zh-hans") == "数值过大"


def test_more_places_than_the_column_stores_are_refused_though_the_engine_reads_them():
    field = FIELDS_BY_NAME["national_niche_market_share"]
    assert coerce_value(field, "0.1234567") == Decimal("0.1234567")  # the engine reads 8 places
    assert refusal("national_niche_market_share", "0.1234567") == "has more than 6 decimal places"
    assert parsed("national_niche_market_share", "0.123456") == Decimal("0.123456")
    assert refusal("operating_revenue", "1.234") == "has more than 2 decimal places"  # to the fen


def test_a_share_above_one_is_refused():
    assert "between 0 and 1" in refusal("national_niche_market_share", "1.2")


def test_money_is_negative_only_where_it_can_be():
    assert parsed("net_profit", "-5") == Decimal(-5)
    assert refusal("operating_revenue", "-5") == "cannot be negative"
    assert refusal("employees", "-1") == "cannot be negative"


def test_the_messages_word_the_problem_without_the_engines_english():
    assert refusal("employees", "1.5", "zh-hans") == "不是整数"
    assert refusal("main_product_chain_role", "x", "zh-hans").startswith("应为以下之一")
    assert refusal("local_indicator_score", "16") == "must be at most 15"
