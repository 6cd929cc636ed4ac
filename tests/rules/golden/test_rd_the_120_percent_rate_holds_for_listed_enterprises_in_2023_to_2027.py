"""2023年第44号 Art. 1: an enterprise on the IC or industrial-mother-machine list deducts an additional 120% from
2023-01-01 to 2027-12-31; 2023年第7号: 100% from 2023-01-01; earlier tax years are outside this pack (decision D13:
not_applicable, every amount empty)."""

from decimal import Decimal

from tests.rules.rd_sample import WAN, rd_decide, rd_enterprise


def test_a_listed_enterprise_in_2022_2023_2027_and_2028():
    y2022, y2023, y2027, y2028 = rd_decide(
        [rd_enterprise(year=year, ic_or_mother_machine_listed=True, taxable_income=900 * WAN)
         for year in (2022, 2023, 2027, 2028)]
    )  # fmt: skip
    assert y2022.outcome == "not_applicable"
    assert set(y2022.written.values()) == {None}
    assert y2023.outcome == y2027.outcome == y2028.outcome == "eligible"
    assert y2023.written["deduction_rate"] == y2027.written["deduction_rate"] == Decimal("1.20")
    assert y2023.written["additional_deduction"] == Decimal("1200000.00")
    assert y2028.written["deduction_rate"] == Decimal("1.00")
    assert y2028.written["additional_deduction"] == Decimal("1000000.00")


def test_capitalised_r_and_d_is_deducted_at_the_rate_times_this_years_amortisation():
    """2023年第7号 Art. 1 (200% / 220% of cost amortised), decision D14: D = r × (E + amortisation)."""
    general, listed = rd_decide(
        [
            rd_enterprise(rd_capitalised_amortisation=Decimal(50000)),
            rd_enterprise(rd_capitalised_amortisation=Decimal(50000), ic_or_mother_machine_listed=True),
        ]
    )
    assert general.written["deductible_base"] == Decimal("1000000.00")  # E: expensed R&D only
    assert general.written["additional_deduction"] == Decimal("1050000.00")
    assert listed.written["additional_deduction"] == Decimal("1260000.00")
