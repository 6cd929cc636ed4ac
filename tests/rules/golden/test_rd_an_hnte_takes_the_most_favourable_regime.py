"""企业所得税法 Art. 28 (HNTE 15%) and 2023年第12号 (small low-profit 5% to 2027): whether they combine is unconfirmed
[U] (criteria.md §11.10); decision D16: not stackable, the lowest rate the enterprise qualifies for applies; from
2028 a small low-profit enterprise pays the statutory 20% (CIT Law Art. 28), so an HNTE's 15% is lower."""

from decimal import Decimal

from tests.rules.rd_sample import rd_decide, rd_enterprise


def test_an_hnte_that_is_also_small_low_profit_pays_5_percent_to_2027_and_15_percent_from_2028():
    in_2025, in_2028 = rd_decide(
        [
            rd_enterprise(taxable_income=Decimal(3500000), hnte=True),
            rd_enterprise(taxable_income=Decimal(3500000), hnte=True, year=2028),
        ]
    )
    # Before: 3,500,000 is above the line: HNTE 15%. After: 2,500,000, small low-profit.
    assert in_2025.written["tax_before"] == Decimal("525000.00")
    assert in_2025.written["tax_after"] == Decimal("125000.00")
    assert in_2028.written["tax_after"] == Decimal("375000.00")  # 15%, not 20%


def test_an_hnte_above_the_line_saves_15_percent_of_the_deduction():
    (result,) = rd_decide([rd_enterprise(taxable_income=Decimal(9000000), hnte=True)])
    assert result.written["tax_saving"] == Decimal("150000.00")


def test_a_small_low_profit_enterprise_after_2027_pays_20_percent():
    (result,) = rd_decide([rd_enterprise(taxable_income=Decimal(3500000), year=2028)])
    assert result.written["tax_after"] == Decimal("500000.00")
