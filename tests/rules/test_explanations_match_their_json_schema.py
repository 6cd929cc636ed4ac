"""Every explanation document, for every pack, validates against rules/explanation.schema.json."""

import json
from pathlib import Path

import pytest

from littlegiant.rules import assess_record, registry
from tests.rules.json_schema import errors
from tests.rules.rd_sample import rd_enterprise
from tests.rules.sample import qualifying_enterprise

SCHEMA = json.loads((Path(__file__).parents[2] / "src/littlegiant/rules/explanation.schema.json").read_text())


@pytest.mark.parametrize(
    "record",
    [
        qualifying_enterprise(),
        qualifying_enterprise(rd_expense=None, operating_revenue=0, total_assets=0),
        {"industry_code": "3743"},
        {},
        {**qualifying_enterprise(), **rd_enterprise(rd_other_related=200000, taxable_income=3500000)},
    ],
    ids=["qualifying", "unknown and zero", "almost empty", "empty", "with an R&D breakdown"],
)
def test_every_document_is_valid(record: dict) -> None:
    documents = assess_record(record, registry.ids())
    assert set(documents) == set(registry.ids())
    for document in documents.values():
        assert errors(json.loads(json.dumps(document)), SCHEMA, SCHEMA) == []


def test_the_validator_can_fail() -> None:
    document = assess_record(qualifying_enterprise(), ["cn.miit.srdi-sme.2022"])["cn.miit.srdi-sme.2022"]
    document["criteria"][0]["confidence"] = "X"
    del document["outcome"]
    problems = errors(document, SCHEMA, SCHEMA)
    assert "$: missing outcome" in problems
    assert any("confidence" in p for p in problems)
