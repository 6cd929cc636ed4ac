"""A condition over title inputs and canonical fields is accepted."""

from littlegiant.policies.services import create_policy
from tests.policies.conftest import policy_data


def test_title_inputs_and_canonical_fields_are_accepted(hangzhou_reviewer):
    conditions = [
        {"label": "小巨人", "expression": "title_little_giant OR (title_srdi_sme AND digital_level >= 2)"},
        {"label": "中小企业", "expression": "size_sme AND rd_expense / operating_revenue >= 0.03"},
    ]
    policy = create_policy(policy_data(conditions=conditions), by=hangzhou_reviewer)
    assert [c["expression"] for c in policy.conditions] == [c["expression"] for c in conditions]
