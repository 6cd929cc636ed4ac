"""财税〔2015〕119号 Art. 4: tobacco manufacturing, accommodation and catering, wholesale and retail, real estate,
leasing and business services, entertainment do not get the super-deduction; decision D15: by industry_code's
division (16, 61–62, 51–52, 70, 71–72, 90): outcome not_eligible, E, r and D are 0, and the tax is Tax(TI) before
and after."""

from decimal import Decimal

import pytest

from tests.rules.rd_sample import rd_decide, rd_enterprise

EXCLUDED = {
    "1610": "烟草制造业 (division 16)",
    "6110": "住宿业 (61)",
    "6210": "餐饮业 (62)",
    "5111": "批发业 (51)",
    "5211": "零售业 (52)",
    "7010": "房地产业 (70)",
    "7111": "租赁业 (71)",
    "7211": "商务服务业 (72)",
    "9011": "娱乐业 (90)",
}


@pytest.mark.parametrize("code", sorted(EXCLUDED))
def test_each_excluded_industry_is_not_eligible_and_keeps_its_tax(code: str):
    (result,) = rd_decide([rd_enterprise(industry_code=code)])
    assert result.outcome == "not_eligible", EXCLUDED[code]
    assert result.written["deductible_base"] == result.written["additional_deduction"] == Decimal("0.00")
    assert result.written["deduction_rate"] == Decimal("0.00")
    assert result.written["tax_before"] == result.written["tax_after"] == Decimal("1250000.00")
    assert result.written["tax_saving"] == Decimal("0.00")


@pytest.mark.parametrize("code", ["1511", "5311", "6010", "6911", "8910", "3743"])
def test_the_neighbouring_industries_are_eligible(code: str):
    (result,) = rd_decide([rd_enterprise(industry_code=code)])
    assert result.outcome == "eligible"


def test_an_excluded_industry_needs_no_r_and_d_figures():
    (result,) = rd_decide([rd_enterprise(industry_code="5211", rd_personnel=None, rd_other_related=None)])
    assert result.written["additional_deduction"] == Decimal("0.00")
