"""Policies for the tests: a Hangzhou municipal one and a Ningbo municipal one, issued through the services."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.cast import CITY_A, CITY_B


def policy_data(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "title": "杭州市研发投入奖励",
        "issuer": "杭州市经济和信息化局",
        "level": "municipal",
        "region": CITY_A,
        "document_number": "",
        "valid_from": dt.date(2026, 1, 1),
        "valid_until": None,
        "benefit_kind": "fixed_amount",
        "benefit_amount": "200000",
        "conditions": [{"label": "研发费用不低于300万元", "expression": "rd_expense >= 3000000"}],
        "demo": True,
    }
    data.update(overrides)
    return data


@pytest.fixture
def hangzhou_policy(hangzhou_reviewer):
    from littlegiant.policies.services import create_policy

    return create_policy(policy_data(), by=hangzhou_reviewer)


@pytest.fixture
def ningbo_policy(ningbo_reviewer):
    from littlegiant.policies.services import create_policy

    return create_policy(
        policy_data(title="宁波市专精特新奖励", issuer="宁波市经济和信息化局", region=CITY_B),
        by=ningbo_reviewer,
    )
