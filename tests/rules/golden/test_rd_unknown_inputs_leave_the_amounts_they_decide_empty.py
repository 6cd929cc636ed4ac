"""Decision D5: an empty input is unknown, never zero; D16: an amount whose inputs are unknown is empty, and the
outcome (eligible, not_eligible, not_applicable) is insufficient_data only when the tax year or the industry is
unknown."""

from decimal import Decimal

from tests.rules.rd_sample import rd_decide, rd_enterprise


def test_an_unknown_year_or_industry_is_insufficient_data():
    no_year, no_industry = rd_decide([rd_enterprise(year=None), rd_enterprise(industry_code=None)])
    assert no_year.outcome == no_industry.outcome == "insufficient_data"
    assert no_year.written["tax_before"] is None
    assert no_industry.written["deductible_base"] is None


def test_an_unknown_r_and_d_item_leaves_e_d_and_the_tax_after_empty_but_not_the_tax_before():
    (result,) = rd_decide([rd_enterprise(rd_design_fees=None)])
    assert result.outcome == "eligible"
    assert result.written["deductible_base"] is None
    assert result.written["additional_deduction"] is None
    assert result.written["tax_before"] == Decimal("1250000.00")
    assert result.written["tax_after"] is None
    assert result.written["tax_saving"] is None


def test_an_unknown_listing_leaves_the_rate_empty():
    (result,) = rd_decide([rd_enterprise(ic_or_mother_machine_listed=None)])
    assert result.written["deduction_rate"] is None


def test_an_unknown_hnte_does_not_matter_when_small_low_profit_is_lower():
    """After the deduction 2,500,000: small low-profit 5% in 2025 is the lowest whatever the certificate."""
    (result,) = rd_decide([rd_enterprise(taxable_income=Decimal(3500000), hnte=None)])
    assert result.written["tax_after"] == Decimal("125000.00")
    assert result.written["tax_before"] is None  # 3,500,000: 15% or 25% depends on the certificate


def test_an_unknown_head_count_leaves_a_tax_under_the_line_empty():
    (result,) = rd_decide([rd_enterprise(taxable_income=Decimal(3500000), employees_avg=None)])
    assert result.written["tax_before"] == Decimal("875000.00")  # above the line: 25% whatever the size
    assert result.written["tax_after"] is None
