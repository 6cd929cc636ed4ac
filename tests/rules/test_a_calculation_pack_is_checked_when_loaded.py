"""A calculation pack is checked when loaded like any pack (a PackError names the pack, the item and the
problem): a parameter cites its clause and keeps its own bounds, an amount divides only by a non-zero number (so
it is never "not computable", D4) and reads only what exists before it, a finding's message names only its
values; and every step of the shipped R&D pack cites its document, clause and confidence (criteria.md §0.1)."""

import copy

import pytest

from littlegiant.rules.expressions import PackError
from littlegiant.rules.pack import PACKS_DIR, Confidence, ParameterError, build_pack, read_pack_file
from littlegiant.rules.registry import registry

PACK = "cn.mof.rd-super-deduction.2023"


def shipped() -> dict:
    return copy.deepcopy(read_pack_file(PACKS_DIR / f"{PACK}.yaml"))


def load(data: dict) -> None:
    build_pack(data, {})


def amount(data: dict, amount_id: str) -> dict:
    return next(a for a in data["amounts"] if a["id"] == amount_id)


def test_the_shipped_pack_loads_and_every_step_cites_its_clause():
    pack = registry.get(PACK)
    assert [a.column for a in pack.written_amounts] == [
        "deductible_base", "rate", "additional_deduction", "tax_before", "tax_after", "tax_saving"
    ]  # fmt: skip
    for item in [*pack.amounts, *pack.parameters.values()]:
        assert item.clause and item.document and isinstance(item.confidence, Confidence)


def test_an_amount_dividing_by_a_field_is_refused():
    data = shipped()
    amount(data, "other_related_cap")["expr"] = "items_1_to_5 * 10 / rd_personnel"
    with pytest.raises(
        PackError, match="amount other_related_cap: an amount divides only by a non-zero number"
    ):
        load(data)


def test_an_amount_reading_a_later_amount_is_refused():
    data = shipped()
    amount(data, "items_1_to_5")["expr"] = "own_rd + 1"
    with pytest.raises(PackError, match="amount items_1_to_5: unknown field 'own_rd'"):
        load(data)


def test_a_default_outside_its_bounds_is_refused():
    data = shipped()
    data["parameters"][0]["value"] = 9
    with pytest.raises(PackError, match="parameter rate"):
        load(data)


def test_a_finding_naming_a_value_it_lacks_is_refused():
    data = shipped()
    data["findings"][0]["message_en"] = "Other related expenses are {surplus} above the cap"
    with pytest.raises(PackError, match="names 'surplus', which is not a value"):
        load(data)


def test_an_override_is_checked_and_leaves_the_registry_pack_alone():
    pack = registry.get(PACK)
    raised = pack.with_parameters({"rate": "1.75"})
    assert raised.parameters["rate"].value == raised.parameter_values["rate"] * 1 == 1.75
    assert raised.parameters["rate"].overridden and not pack.parameters["rate"].overridden
    with pytest.raises(ParameterError, match="no parameter 'ratio'"):
        pack.with_parameters({"ratio": "1"})
    with pytest.raises(ParameterError, match="parameter rate: '1e3' is not a plain decimal number"):
        pack.with_parameters({"rate": "1e3"})
