"""Decision D16: Tax(x) = 0 if x ≤ 0; losses carried forward are not modelled (criteria.md §6.6, [S])."""

from decimal import Decimal

from tests.rules.rd_sample import rd_decide, rd_enterprise


def test_a_loss_before_the_deduction_pays_nothing_before_or_after():
    (result,) = rd_decide([rd_enterprise(taxable_income=Decimal(-200000))])
    assert result.written["tax_before"] == Decimal("0.00")
    assert result.written["tax_after"] == Decimal("0.00")
    assert result.written["tax_saving"] == Decimal("0.00")
    assert result.amounts["taxable_income_after"] == -1200000


def test_a_deduction_that_turns_a_profit_into_a_loss_saves_the_whole_tax():
    (result,) = rd_decide([rd_enterprise(taxable_income=Decimal(600000))])
    assert result.amounts["taxable_income_after"] == -400000
    assert result.written["tax_before"] == Decimal("30000.00")  # small low-profit, 5%
    assert result.written["tax_after"] == Decimal("0.00")
    assert result.written["tax_saving"] == Decimal("30000.00")


def test_exactly_zero_after_the_deduction_pays_nothing():
    (result,) = rd_decide([rd_enterprise(taxable_income=Decimal(1000000))])
    assert result.written["tax_after"] == Decimal("0.00")
