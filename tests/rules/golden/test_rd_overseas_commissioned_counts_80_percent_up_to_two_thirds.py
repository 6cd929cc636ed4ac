"""财税〔2018〕64号: 80% of R&D commissioned overseas counts, "不超过境内符合条件的研发费用三分之二的部分"; with decision
D12's reading, qualifying domestic R&D = own R&D + 80% of R&D commissioned in China; 财税〔2015〕119号 Art. 2: 80% of
R&D commissioned in China counts (criteria.md §6.4).

Own R&D 900,000 + 80% of 375,000 commissioned in China = 1,200,000, so the overseas cap is exactly 800,000 yuan:
80% of 1,000,000 yuan commissioned overseas."""

from decimal import Decimal

from tests.rules.rd_sample import rd_decide, rd_enterprise


def own(**changes: object) -> dict[str, object]:
    return rd_enterprise(
        rd_personnel=Decimal(530000), rd_direct_inputs=Decimal(200000), rd_depreciation=Decimal(60000),
        rd_amortisation=Decimal(20000), rd_design_fees=Decimal(0), rd_other_related=Decimal(90000),
        rd_commissioned_domestic=Decimal(375000), **changes,
    )  # fmt: skip


def test_the_overseas_part_exactly_at_two_thirds_counts_in_full():
    (result,) = rd_decide([own(rd_commissioned_overseas=Decimal(1000000))])
    assert result.amounts["own_rd"] == 900000
    assert result.amounts["commissioned_domestic_counted"] == 300000
    assert result.amounts["overseas_cap"] == 800000
    assert result.amounts["commissioned_overseas_counted"] == 800000
    assert result.written["deductible_base"] == Decimal("2000000.00")


def test_a_fen_more_overseas_is_capped_and_a_fen_less_counts_80_percent():
    above, below = rd_decide(
        [
            own(rd_commissioned_overseas=Decimal("1000000.01")),
            own(rd_commissioned_overseas=Decimal("999999.99")),
        ]
    )
    assert above.amounts["commissioned_overseas_counted"] == 800000
    assert above.written["deductible_base"] == Decimal("2000000.00")
    assert below.amounts["commissioned_overseas_counted"] == Decimal("799999.992")
    assert below.written["deductible_base"] == Decimal("1999999.99")


def test_domestic_commissioned_r_and_d_counts_80_percent():
    (result,) = rd_decide([rd_enterprise(rd_commissioned_domestic=Decimal(500000))])
    assert result.written["deductible_base"] == Decimal("1400000.00")
