"""The calculator's API: GET the R&D super-deduction of a filing (the amount columns of enterprise-data.md,
rounded to the fen, and the explanation step by step), with next year's what-if; PUT a breakdown, each bad field
named (422), only by the enterprise's members (403 for an official)."""

import json

import pytest

pytestmark = pytest.mark.django_db

GOOD = {
    "rd_personnel": "495000", "rd_direct_inputs": 0, "rd_depreciation": 0, "rd_amortisation": 0,
    "rd_design_fees": 0, "rd_other_related": 55000, "rd_commissioned_domestic": 0,
    "rd_commissioned_overseas": 0, "rd_capitalised_amortisation": 0, "taxable_income": 3500000,
    "hnte": False, "ic_or_mother_machine_listed": False, "employees_avg": 180,
    "total_assets_avg": 30000000, "restricted_industry": False,
}  # fmt: skip


def put(client, enterprise, body):
    return client.put(
        f"/api/assessment/enterprises/{enterprise.pk}/rd-breakdown/2025",
        data=json.dumps(body),
        content_type="application/json",
    )


def test_put_then_get_gives_the_amounts_and_the_what_if(client, alice, alpha):
    client.force_login(alice)
    saved = put(client, alpha, GOOD)
    assert saved.status_code == 200, saved.content
    assert saved.json()["amounts"]["tax_saving"] == "727500.00"
    response = client.get(f"/api/assessment/enterprises/{alpha.pk}/rd-calculation?extra=100000")
    assert response.status_code == 200, response.content
    got = response.json()
    assert got["outcome"] == "eligible"
    assert got["amounts"]["additional_deduction"] == "550000.00"
    assert got["amounts"]["rate"] == "1.00"
    steps = {a["id"]: a for a in got["explanation"]["amounts"]}
    assert steps["other_related_cap"]["document"] == "国家税务总局公告2021年第28号"
    row = next(r for r in got["what_if"] if r["id"] == "additional_deduction")
    assert (row["this_year"], row["next_year"]) == ("550000.00", "650000.00")
