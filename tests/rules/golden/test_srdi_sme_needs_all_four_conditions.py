"""专精特新中小企业认定标准 (63号 附件2): "同时满足以下四项条件" (criteria.md §3.2), each condition on its
edge.
"""

from decimal import Decimal

import pytest

from tests.rules.sample import decide, qualifying_enterprise

PACK = "cn.miit.srdi-sme.2022"
WAN = Decimal(10_000)
FEN = Decimal("0.01")


@pytest.mark.parametrize(
    "condition, met, unmet",
    [
        # 1. "从事特定细分市场时间达到2年以上"
        ("niche_years", {"niche_years": Decimal(2)}, {"niche_years": Decimal("1.999999")}),
        # 2. "上年度研发费用总额不低于100万元，且占营业收入总额比重不低于3%"
        ("rd_condition", {"rd_expense": 100 * WAN, "operating_revenue": 3000 * WAN + 10 * WAN * 0},
         {"rd_expense": 100 * WAN - FEN, "operating_revenue": 1000 * WAN}),
        ("rd_condition", {"rd_expense": 360 * WAN, "operating_revenue": 12000 * WAN},
         {"rd_expense": 360 * WAN - FEN, "operating_revenue": 12000 * WAN}),
        # 3. "上年度营业收入总额1000万元以上，或…近2年新增股权融资总额…达到2000万元以上"
        ("revenue_condition", {"operating_revenue": 1000 * WAN, "rd_expense": 100 * WAN},
         {"operating_revenue": 1000 * WAN - FEN, "rd_expense": 100 * WAN}),
        ("revenue_condition", {"operating_revenue": 500 * WAN, "equity_financing_2y": 2000 * WAN},
         {"operating_revenue": 500 * WAN, "equity_financing_2y": 2000 * WAN - FEN}),
    ],
)  # fmt: skip
def test_each_condition_is_met_on_its_threshold_and_not_just_below(
    condition: str, met: dict[str, object], unmet: dict[str, object]
) -> None:
    """附件2 认定条件1-3: thresholds are inclusive ("以上", "不低于")."""
    on, below = decide(PACK, [qualifying_enterprise(**met), qualifying_enterprise(**unmet)])
    assert on.criteria[condition].truth is True
    assert below.criteria[condition].truth is False
    assert below.outcome == "not_qualified"


def test_sixty_points_or_a_direct_route_meets_condition_four() -> None:
    """附件2 认定条件4: "评价得分达到60分以上或满足下列条件之一"."""
    weak = {"local_indicator_score": Decimal(0), "ip_class1_high_value": 0, "ip_class1_self_developed": 0,
            "ip_class1": 0, "ip_class2": 0, "rd_institution_level": "none", "digital_level": 1,
            "main_product_chain_role": "none", "quality_provincial_award": False, "quality_system_certified": False,  # noqa: E501
            "own_brand": False, "standards_participation": False, "net_profit": Decimal(0)}  # fmt: skip
    records = [
        qualifying_enterprise(**weak),
        qualifying_enterprise(**weak, provincial_award_best_rank_3y=3),  # 直通1: 省级 前三
        qualifying_enterprise(**weak, provincial_award_best_rank_3y=4),
        qualifying_enterprise(**weak, national_award_best_rank_3y=5),  # 直通1: 国家级 前五
        qualifying_enterprise(**weak, national_award_best_rank_3y=6),
        qualifying_enterprise(**weak, rd_expense=1000 * WAN, rd_expense_prev=1000 * WAN),  # 直通2: 均值1000万
        qualifying_enterprise(**weak, rd_expense=1000 * WAN, rd_expense_prev=1000 * WAN - FEN),
        qualifying_enterprise(**weak, equity_financing_2y=6000 * WAN),  # 直通3: 6000万
        qualifying_enterprise(**weak, equity_financing_2y=6000 * WAN - FEN),
        qualifying_enterprise(**weak, makers_china_top500_3y=True),  # 直通4: 创客中国500强
    ]
    results = decide(PACK, records)
    assert results[0].score is not None and results[0].score < 60
    assert [r.outcome for r in results] == [
        "not_qualified", "qualified", "not_qualified", "qualified", "not_qualified",
        "qualified", "not_qualified", "qualified", "not_qualified", "qualified",
    ]  # fmt: skip


def test_there_are_no_category_minimums() -> None:
    """criteria.md §3.2: "Unlike the innovative-SME score route, there are no per-category minimums"."""
    result = decide(PACK, [qualifying_enterprise(local_indicator_score=Decimal(0))])[0]
    assert result.categories["distinctiveness"] == (0, 0)
    assert result.outcome == "qualified"
