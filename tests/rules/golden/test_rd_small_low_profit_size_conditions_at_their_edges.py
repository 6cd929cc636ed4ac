"""财政部 税务总局公告2023年第12号: 从业人数不超过300人、资产总额不超过5000万元 ("不超过" is ≤), as annual averages of
quarterly averages (criteria.md §6.6; enterprise-data.md employees_avg, total_assets_avg)."""

from decimal import Decimal

from tests.rules.rd_sample import rd_decide, rd_enterprise

# Taxable income 3,500,000 before and 2,500,000 after the 1,000,000 yuan deduction.
TI = Decimal(3500000)


def test_300_employees_is_small_and_300_point_5_is_not():
    at, above = rd_decide(
        [
            rd_enterprise(taxable_income=TI, employees_avg=Decimal(300)),
            rd_enterprise(taxable_income=TI, employees_avg=Decimal("300.5")),
        ]
    )
    assert at.criteria["small_low_profit_size"].truth is True
    assert at.written["tax_after"] == Decimal("125000.00")  # 5% of 2,500,000
    assert above.criteria["small_low_profit_size"].truth is False
    assert above.written["tax_after"] == Decimal("625000.00")  # 25%


def test_assets_of_exactly_5000_wan_are_small_and_a_fen_more_are_not():
    at, above = rd_decide(
        [
            rd_enterprise(taxable_income=TI, total_assets_avg=Decimal(50000000)),
            rd_enterprise(taxable_income=TI, total_assets_avg=Decimal("50000000.01")),
        ]
    )
    assert at.written["tax_after"] == Decimal("125000.00")
    assert above.written["tax_after"] == Decimal("625000.00")


def test_a_restricted_industry_is_never_small_low_profit():
    (result,) = rd_decide([rd_enterprise(taxable_income=TI, restricted_industry=True)])
    assert result.written["tax_after"] == Decimal("625000.00")
