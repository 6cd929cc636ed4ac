"""The R&D calculator page (criteria.md §6, D12–D16): a member saves the breakdown and sees the result; a bad
value is refused naming the field (enterprise-data.md: money may be negative only where it can be); an empty
field stays unknown (D5); an official of the region may look but not change it."""

from decimal import Decimal

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

GOOD = {
    "rd_personnel": "495000", "rd_direct_inputs": "0", "rd_depreciation": "0", "rd_amortisation": "0",
    "rd_design_fees": "0", "rd_other_related": "55000", "rd_commissioned_domestic": "0",
    "rd_commissioned_overseas": "0", "rd_capitalised_amortisation": "0", "taxable_income": "3500000",
    "hnte": "false", "ic_or_mother_machine_listed": "false", "employees_avg": "180",
    "total_assets_avg": "30000000", "restricted_industry": "false",
}  # fmt: skip


def url(enterprise) -> str:
    return reverse("assessment:rd_calculator", args=[enterprise.pk]) + "?year=2025"


def test_a_member_saves_the_breakdown_and_sees_the_saving(client, alice, alpha):
    client.force_login(alice)
    response = client.post(url(alpha), GOOD)
    assert response.status_code == 200
    page = response.content.decode()
    assert "727,500.00" in page and "550,000.00" in page
    assert alpha.filings.get(year=2025).rd_personnel == Decimal(495000)
