"""The 2026 little giant (工信部企业〔2026〕2号 附件2, criteria.md Appendix A, [S]) condition (二) "近2年营业收入
复合增长率不低于5%（复核不考核）" and condition (七) "评价得分60分以上（复核：近2年任一年）", with the 2026 SRDI
condition ⑥ read the same way for reviews: decisions D20 (compound growth of operating revenue, decided exactly
as R_y × 10000 ≥ R_y−2 × 11025) and D21 (application_kind new / review)."""

from decimal import Decimal

import pytest

from tests.rules.sample import decide, qualifying_enterprise

WAN = Decimal(10_000)
FEN = Decimal("0.01")
SRDI = "cn.miit.srdi-sme.2026"
GIANT = "cn.miit.little-giant.2026"


@pytest.mark.parametrize(
    "prev2, revenue, met",
    [
        (10000 * WAN, 11025 * WAN, True),  # exactly 5% a year, compounded: 1.05² = 1.1025
        (10000 * WAN, 11025 * WAN - FEN, False),  # one fen short
        (Decimal("4535147.40"), 500 * WAN, False),  # 5000000 × 10000 < 4535147.40 × 11025
        (Decimal("4535147.39"), 500 * WAN, True),  # 5000000 × 10000 ≥ 4535147.39 × 11025
        # 2.5% a year for two years is 5.0625% in total, above the 5% simple reading but short of compound 5%.
        (10000 * WAN, Decimal("105062500"), False),
    ],
)  # fmt: skip
def test_two_year_growth_is_compound_growth_of_operating_revenue(
    prev2: Decimal, revenue: Decimal, met: bool
) -> None:
    """D20: (R_y / R_y−2)^½ − 1 ≥ 5%, on operating revenue (营业收入), not main-business revenue."""
    result = decide(GIANT, [qualifying_enterprise(operating_revenue_prev2=prev2, operating_revenue=revenue)])[
        0
    ]
    assert result.criteria["revenue_growth"].truth is met


def test_growth_reads_operating_not_main_business_revenue() -> None:
    """D20 names `operating_revenue` and `operating_revenue_prev2`: main-business revenue two years back does not
    count."""
    result = decide(
        GIANT, [qualifying_enterprise(operating_revenue_prev2=12000 * WAN, main_business_revenue_prev2=1)]
    )[0]
    assert result.criteria["revenue_growth"].truth is False
    assert result.outcome == "not_qualified"


def test_zero_revenue_two_years_back_is_not_computable_and_fails() -> None:
    """D4: a zero denominator is not computable; a condition that needs it fails, and says so."""
    result = decide(GIANT, [qualifying_enterprise(operating_revenue_prev2=0)])[0]
    assert result.criteria["revenue_growth"].truth is False
    assert result.criteria["revenue_growth"].zero


def test_unknown_revenue_two_years_back_leaves_a_new_application_undecided() -> None:
    """D5: empty is unknown, never zero; the outcome waits for it."""
    result = decide(GIANT, [qualifying_enterprise(operating_revenue_prev2=None)])[0]
    assert result.criteria["revenue_growth"].status == "unknown"
    assert result.outcome == "insufficient_data"


@pytest.mark.parametrize("prev2", [12000 * WAN, 0, None])
def test_a_review_is_not_checked_on_growth(prev2: Decimal | None) -> None:
    """D21 and 附件2 (二): "复核不考核" — a review passes condition (二)'s growth part whatever the revenue did."""
    new, review = decide(
        GIANT,
        [
            qualifying_enterprise(operating_revenue_prev2=prev2),
            qualifying_enterprise(operating_revenue_prev2=prev2, application_kind="review"),
        ],
    )
    assert new.criteria["revenue_growth"].truth is not True
    assert review.criteria["revenue_growth"].truth is True
    assert review.outcome == "qualified"


@pytest.mark.parametrize("pack, pass_mark", [(GIANT, Decimal(60)), (SRDI, Decimal(50))])
@pytest.mark.parametrize(
    "kind, this_year, last_year, met",
    [
        ("new", 0, 0, True),  # this year's score at the mark
        ("new", -1, 0, False),  # a new application needs this year's score; last year's does not count
        ("review", -1, 0, True),  # a review passes with last year's
        ("review", -1, -1, False),  # …but not with neither
        ("review", 0, -1, True),
    ],
)  # fmt: skip
def test_a_review_passes_the_development_evaluation_with_either_year(
    pack: str, pass_mark: Decimal, kind: str, this_year: int, last_year: int, met: bool
) -> None:
    """D21: review cases pass the development-evaluation score with this year's or last year's score; an offset
    of −1 is 0.000001 below the mark (scores carry six places)."""
    below = Decimal("0.000001")
    record = qualifying_enterprise(
        application_kind=kind,
        development_eval_score=pass_mark + this_year * below,
        development_eval_score_prev=pass_mark + last_year * below,
    )
    result = decide(pack, [record])[0]
    assert result.criteria["development_evaluation"].truth is met
    assert result.outcome == ("qualified" if met else "not_qualified")
