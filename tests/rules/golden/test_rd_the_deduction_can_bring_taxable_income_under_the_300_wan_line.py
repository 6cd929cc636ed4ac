"""财政部 税务总局公告2023年第12号: a small low-profit enterprise (年度应纳税所得额不超过300万元, 从业人数不超过300人, 资产
总额不超过5000万元) pays an effective 5%; "年度应纳税所得额" is after the additional deduction, so the deduction can bring
an enterprise under the line (criteria.md §6.6, decision D16). The additional deduction here is 1,000,000 yuan."""

from decimal import Decimal

from tests.rules.rd_sample import rd_decide, rd_enterprise


def test_taxable_income_after_the_deduction_of_exactly_300_wan_is_taxed_at_5_percent():
    (result,) = rd_decide([rd_enterprise(taxable_income=Decimal(4000000))])
    assert result.amounts["taxable_income_after"] == 3000000
    assert result.written["tax_before"] == Decimal("1000000.00")  # 25% of 4,000,000
    assert result.written["tax_after"] == Decimal("150000.00")  # 5% of 3,000,000
    assert result.written["tax_saving"] == Decimal("850000.00")


def test_one_fen_above_300_wan_is_taxed_at_25_percent():
    (result,) = rd_decide([rd_enterprise(taxable_income=Decimal("4000000.01"))])
    assert result.amounts["taxable_income_after"] == Decimal("3000000.01")
    assert result.amounts["tax_after"] == Decimal("750000.0025")
    assert result.written["tax_after"] == Decimal("750000.00")
    assert result.written["tax_saving"] == Decimal("250000.00")


def test_the_issue_example_saving_is_727500_not_137500():
    """Taxable income 3,500,000, deduction 550,000: 2,950,000 at 5% = 147,500 against 875,000 at 25%."""
    (result,) = rd_decide(
        [
            rd_enterprise(
                rd_personnel=Decimal(495000), rd_direct_inputs=Decimal(0), rd_depreciation=Decimal(0),
                rd_amortisation=Decimal(0), rd_design_fees=Decimal(0), rd_other_related=Decimal(55000),
                taxable_income=Decimal(3500000),
            )
        ]
    )  # fmt: skip
    assert result.written["additional_deduction"] == Decimal("550000.00")
    assert result.written["tax_saving"] == Decimal("727500.00")
