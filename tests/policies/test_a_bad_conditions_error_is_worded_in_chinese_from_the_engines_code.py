"""A policy condition refused when saved is explained wholly in the reader's language: the engine's problem is
worded from its code and parameters (rules.expressions.EXPRESSION_ERROR_CODES), not shown in the engine's
English behind a Chinese prefix."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from littlegiant.policies.services import create_policy
from tests.policies.conftest import policy_data

ENGINE_ENGLISH = re.compile(
    r"unknown field|cannot parse|is needed|not allowed|compare|expression", re.IGNORECASE
)


@pytest.mark.parametrize(
    ("expression", "chinese"),
    [
        ("revenue_total >= 1", "未知字段"),
        ("rd_expense >=", "不是有效的规则表达式"),
        ("rd_expense + title_srdi_sme > 1", "类型错误"),
        ("rd_expense", "类型错误"),
        ("upper(name) = 'X'", "不是有效的规则表达式"),
        ("credit_code IS NULL", "未知字段"),
        ("main_product_chain_role = 'nope'", "类型错误"),
    ],
)
def test_the_message_is_chinese_from_prefix_to_end(hangzhou_reviewer, expression, chinese):
    with translation.override("zh-hans"), pytest.raises(ValidationError) as caught:
        create_policy(
            policy_data(conditions=[{"label": "bad", "expression": expression}]), by=hangzhou_reviewer
        )
    message = caught.value.message_dict["conditions.1.expression"][0]
    assert message.startswith(chinese)
    assert not ENGINE_ENGLISH.search(message), message
