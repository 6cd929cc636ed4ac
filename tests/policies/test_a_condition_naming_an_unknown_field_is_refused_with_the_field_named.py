"""Conditions are validated when saved, with field-named errors: unknown field, syntax error, type error
(issue 12: "eligibility written as whitelisted rule expressions ... validated when saved")."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from littlegiant.policies.services import create_policy
from tests.policies.conftest import policy_data


@pytest.mark.parametrize(
    ("expression", "words"),
    [
        ("revenue_total >= 1", "Unknown field"),
        ("rd_expense >=", "Not a valid rule expression"),
        ("rd_expense + title_srdi_sme > 1", "Wrong type"),
        ("rd_expense", "Wrong type"),
        ("upper(name) = 'X'", "Not a valid rule expression"),
    ],
)
def test_each_bad_condition_is_named_by_its_line(hangzhou_reviewer, expression, words):
    conditions = [
        {"label": "ok", "expression": "employees <= 300"},
        {"label": "bad", "expression": expression},
    ]
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        create_policy(policy_data(conditions=conditions), by=hangzhou_reviewer)
    errors = caught.value.message_dict
    assert list(errors) == ["conditions.2.expression"]
    assert words in errors["conditions.2.expression"][0]
