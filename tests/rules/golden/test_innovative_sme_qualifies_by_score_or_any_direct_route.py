"""创新型中小企业评价标准 (63号 附件1) 公告条件: the score route, its category minimums, and each direct
route.

"评价得分达到60分以上，其中创新能力得分不低于20分、成长性得分和专业化得分均不低于15分", or any one of the four
direct-qualification conditions (criteria.md §2.2).
"""

from decimal import Decimal

import pytest

from tests.rules.sample import decide, qualifying_enterprise

PACK = "cn.miit.innovative-sme.2022"
YI = Decimal(100_000_000)
# An enterprise scoring low everywhere: IP 0, R&D 0, growth 0, debt 0, field 5, share 0 -> 5 points.
WEAK = {
    "ip_class1_high_value": 0, "ip_class1_self_developed": 0, "ip_class1": 0, "ip_class2": 0,
    "rd_expense": Decimal(0), "main_business_revenue_prev": YI, "main_business_revenue": Decimal("40000000"),
    "operating_revenue": YI, "total_liabilities": Decimal("90000000"), "total_assets": YI,
    "main_product_strategic_emerging": False, "rd_institution_level": "none",
}  # fmt: skip


def test_sixty_points_with_every_category_minimum_qualifies() -> None:
    """公告条件 A: innovation exactly 20 and growth exactly 15 (the minimums), 65 in total."""
    # innovation: IP C (10) + R&D 2%-3% (10) = 20; growth: B (15) + debt C (0) = 15; specialisation: 10 + 20
    # = 30.
    record = qualifying_enterprise(
        ip_class1_high_value=0, ip_class1_self_developed=0, rd_expense=Decimal("2400000"),
        main_business_revenue_prev=Decimal("100000000"), main_business_revenue=Decimal("110000000"),
        operating_revenue=Decimal("120000000"), total_liabilities=Decimal("160000000"), rd_institution_level="none",  # noqa: E501
    )  # fmt: skip
    result = decide(PACK, [record])[0]
    assert result.categories["innovation"] == (20, 20)
    assert result.categories["growth"] == (15, 15)
    assert result.score == 65
    assert result.criteria["score_route"].truth is True
    assert result.outcome == "qualified"


def test_a_category_below_its_minimum_fails_the_score_route_even_above_sixty() -> None:
    """公告条件 A: "创新能力得分不低于20分" — 15 innovation points fail, whatever the total."""
    record = qualifying_enterprise(ip_class1_high_value=0, ip_class1_self_developed=0, ip_class1=0, ip_class2=1,  # noqa: E501
                                   rd_expense=Decimal("2400000"), rd_institution_level="none")  # fmt: skip
    result = decide(PACK, [record])[0]
    assert result.categories["innovation"] == (15, 15)
    assert result.score is not None and result.score >= 60
    assert result.criteria["score_route"].truth is False
    assert result.outcome == "not_qualified"


@pytest.mark.parametrize(
    "route, changes",
    [
        ("direct_award", {"provincial_award_best_rank_3y": 7}),  # B.1 省级科技奖励
        ("direct_award", {"national_award_best_rank_3y": 9}),  # B.1 国家级科技奖励
        ("direct_honour", {"innovation_honour_valid": True}),  # B.2 高新技术企业等
        ("direct_rd_institution", {"rd_institution_level": "provincial"}),  # B.3 省部级以上研发机构
        ("direct_rd_institution", {"rd_institution_level": "national"}),
        ("direct_equity", {"equity_financing_3y": Decimal("5000000")}),  # B.4 "500万元以上", exactly on it
    ],
)
def test_each_direct_route_qualifies_a_weak_scorer(route: str, changes: dict[str, object]) -> None:
    """公告条件 B (满足下列条件之一): a weak scorer qualifies through any one direct route."""
    result = decide(PACK, [qualifying_enterprise(**WEAK | changes)])[0]
    assert result.criteria["score_route"].truth is False
    assert result.criteria[route].truth is True
    assert result.outcome == "qualified"


def test_equity_one_fen_short_of_five_million_is_no_route() -> None:
    """公告条件 B.4: "近三年新增股权融资总额 500万元以上" — 4,999,999.99 yuan is not."""
    result = decide(PACK, [qualifying_enterprise(**WEAK, equity_financing_3y=Decimal("4999999.99"))])[0]
    assert result.criteria["direct_equity"].truth is False
    assert result.outcome == "not_qualified"


@pytest.mark.parametrize(
    "changes",
    [
        {"independent_legal_person": False},
        {"listed_abnormal_or_dishonest": True},
        {"restricted_industry": True},
        {"incident_or_violation_3y": True},
        {"employees": 1000, "operating_revenue": Decimal("400000000")},  # large: not an SME (第四条（二）)
    ],
)
def test_general_eligibility_and_sme_size_are_required(changes: dict[str, object]) -> None:
    """暂行办法 一般条件 (criteria.md §5.1): independent legal person, an SME, not listed, no restricted
    products,
    no major incident or violation in three years."""
    result = decide(PACK, [qualifying_enterprise(**changes)])[0]
    assert result.outcome == "not_qualified"
