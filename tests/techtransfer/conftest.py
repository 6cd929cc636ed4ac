"""Shared builders for technology-transfer tests: a listing offered by olivia's university, and a
click-through."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

STANDARD_VALUES = {
    "application_number": "202210956187.7",
    "publication_number": "CN115000001A",
    "title": "一种高镍三元锂电池正极材料及其制备方法",
    "abstract": "本发明公开了一种高镍三元锂电池正极材料，通过表面包覆氧化铝提高循环稳定性和热安全性。",
    "ipc_codes": "H01M 4/36; H01M 10/0525",
    "legal_status": "granted",
    "expires_on": date(2042, 6, 1),
    "maturity": "pilot",
    "problem": "高镍正极材料循环寿命短、热稳定性差。",
    "benefit": "容量保持率提高15%，成本与现有工艺相当。",
    "applications": "动力电池、储能电池。",
    "exclusive": False,
    "free_months": 12,
    "royalty_basis": "net_sales",
    "royalty_rate": Decimal("3.00"),
    "annual_fee": None,
    "annual_cap": Decimal("500000.00"),
    "territory": "中国大陆",
}


def list_patent(officer, institution, **overrides):
    from littlegiant.techtransfer.services import save_listing

    values = {**STANDARD_VALUES, **overrides}
    return save_listing(by=officer, institution=institution, values=values, industries=["38"], publish=True)


def click_through(today: date = date(2026, 1, 5)):
    from littlegiant.techtransfer.models import LicenceText
    from littlegiant.techtransfer.services import ClickThrough

    return ClickThrough(
        licence_text=LicenceText.current(today), ip_address="203.0.113.9", user_agent="pytest"
    )


@pytest.fixture(autouse=True)
def english_messages():
    """Refusals and errors are asserted in their English source text, whatever the default language."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def listing(olivia, hangzhou_university):
    return list_patent(olivia, hangzhou_university)
