"""The engine's InputError carries a machine code and its parameters, so that a caller with a language (the
filing forms, the import report) words the problem itself; rules/ has no Django (a contract forbids it)."""

from __future__ import annotations

import pytest

from littlegiant.rules.records import INPUT_ERROR_CODES, InputError, coerce_value
from littlegiant.rules.schema import FIELDS_BY_NAME


@pytest.mark.parametrize(
    ("name", "raw", "code", "params"),
    [
        ("own_brand", "maybe", "not_boolean", {}),
        (
            "main_product_chain_role",
            "x",
            "not_a_choice",
            {"choices": "key_link_results, foundation_or_supplier, none"},
        ),
        ("credit_code", "123", "credit_code", {}),
        ("region_code", "33010", "region_code", {}),
        ("employees", "abc", "not_a_number", {}),
        ("employees", "1.5", "not_whole", {"places": 0}),
        ("national_niche_market_share", "0.123456789", "too_many_places", {"places": 8}),
        ("operating_revenue", "-1", "negative", {}),
        ("local_indicator_score", "16", "above_maximum", {"maximum": 15}),
    ],
)
def test_each_refusal_has_its_code(name, raw, code, params):
    with pytest.raises(InputError) as caught:
        coerce_value(FIELDS_BY_NAME[name], raw)
    assert caught.value.code == code and code in INPUT_ERROR_CODES
    assert caught.value.params == params
    assert caught.value.field == name and name in str(caught.value)


def test_a_value_beyond_the_engines_limit_says_which_limit():
    with pytest.raises(InputError) as caught:
        coerce_value(FIELDS_BY_NAME["operating_revenue"], "100000000000000")
    assert caught.value.code == "too_large" and caught.value.params == {"limit": 10**14}
