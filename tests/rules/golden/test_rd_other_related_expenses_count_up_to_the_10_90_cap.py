"""国家税务总局公告2021年第28号 and 财税〔2015〕119号 Art. 1(1) item 6: "此项费用总额不得超过可加计扣除研发费用总额的
10%", computed as (items 1–5) × 10% ÷ (1 − 10%) (criteria.md §6.3, decision D12). Items 1–5 are 900,000 yuan,
so the cap is exactly 100,000 yuan."""

from decimal import Decimal
from fractions import Fraction

from tests.rules.rd_sample import rd_decide, rd_enterprise


def test_exactly_at_the_cap_counts_in_full_and_a_fen_either_side_is_capped_or_counted():
    at, above, below = rd_decide(
        [
            rd_enterprise(rd_other_related=Decimal("100000")),
            rd_enterprise(rd_other_related=Decimal("100000.01")),
            rd_enterprise(rd_other_related=Decimal("99999.99")),
        ]
    )
    assert at.amounts["other_related_cap"] == 100000
    assert at.written["deductible_base"] == Decimal("1000000.00")
    # One fen above the cap: the fen does not count.
    assert above.amounts["other_related_counted"] == 100000
    assert above.written["deductible_base"] == Decimal("1000000.00")
    # One fen below: everything counts.
    assert below.amounts["other_related_counted"] == Decimal("99999.99")
    assert below.written["deductible_base"] == Decimal("999999.99")


def test_the_cap_is_exact_and_only_the_written_amount_is_rounded_half_up_to_the_fen():
    """Items 1–5 of 100 yuan: the cap is 11.111… yuan (D12: exact rationals, rounded only when written)."""
    (result,) = rd_decide(
        [
            rd_enterprise(
                rd_personnel=Decimal(100), rd_direct_inputs=Decimal(0), rd_depreciation=Decimal(0),
                rd_amortisation=Decimal(0), rd_design_fees=Decimal(0), rd_other_related=Decimal(50),
            )
        ]
    )  # fmt: skip
    assert result.amounts["deductible_base"] == Fraction(1000, 9)
    assert result.written["deductible_base"] == Decimal("111.11")


def test_a_half_fen_is_rounded_up():
    """80% of 0.01 yuan commissioned in China is 0.008: E = 1,000,000.008 yuan, written 1,000,000.01."""
    (result,) = rd_decide(
        [rd_enterprise(rd_commissioned_domestic=Decimal("0.01"), rd_other_related=Decimal(100000))]
    )
    assert result.amounts["deductible_base"] == Decimal("1000000.008")
    assert result.written["deductible_base"] == Decimal("1000000.01")


def test_an_exact_half_fen_is_rounded_up():
    """Taxable income of 0.10 yuan after the deduction at 5%: 0.005 yuan of tax, written 0.01."""
    (result,) = rd_decide([rd_enterprise(taxable_income=Decimal("1000000.10"))])
    assert result.amounts["tax_after"] == Decimal("0.005")
    assert result.written["tax_after"] == Decimal("0.01")
