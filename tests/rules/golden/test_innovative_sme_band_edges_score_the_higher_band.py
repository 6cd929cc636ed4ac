"""创新型中小企业评价标准 (工信部企业〔2022〕63号 附件1), the scoring table: every band edge, on it and just
below.

Decision D1: a value exactly on the edge between two bands gets the higher score ("5%以上" is >= 5%, "55%以下"
is <= 55%), decided exactly: 100 -> 115 is exactly 15% growth. "Just below" is one fen (0.01 yuan) away.
"""

from decimal import Decimal

from tests.rules.sample import decide, qualifying_enterprise

PACK = "cn.miit.innovative-sme.2022"
YI = Decimal(100_000_000)
FEN = Decimal("0.01")

# (indicator, edge, points on the edge, points just on the lower-scoring side), from criteria.md §2.3.
RD_INTENSITY = [("0.05", 20, 15), ("0.03", 15, 10), ("0.02", 10, 5), ("0.01", 5, 0)]  # 指标2 A-E
GROWTH = [("0.15", 20, 15), ("0.10", 15, 10), ("0.05", 10, 5), ("0", 5, 0)]  # 指标3 A-E
DEBT = [("0.55", 10, 5), ("0.75", 5, 0)]  # 指标4 A-C: 55%以下 / 55%-75% / 75%以上
MAIN_SHARE = [("0.70", 20, 15), ("0.60", 15, 10), ("0.55", 10, 5), ("0.50", 5, 0)]  # 指标6 A-E


def cases() -> list[tuple[str, dict[str, object], int]]:
    found: list[tuple[str, dict[str, object], int]] = []
    for edge, on, below in RD_INTENSITY:
        rd = Decimal(edge) * YI
        found.append(("rd_intensity", {"operating_revenue": YI, "rd_expense": rd}, on))
        if rd > 0:
            found.append(("rd_intensity", {"operating_revenue": YI, "rd_expense": rd - FEN}, below))
    for edge, on, below in GROWTH:
        now = YI * (1 + Decimal(edge))
        found.append(("main_growth", {"main_business_revenue_prev": YI, "main_business_revenue": now}, on))
        found.append(
            ("main_growth", {"main_business_revenue_prev": YI, "main_business_revenue": now - FEN}, below)
        )
    for edge, on, above in DEBT:
        debt = Decimal(edge) * YI
        found.append(("debt_ratio", {"total_assets": YI, "total_liabilities": debt}, on))
        found.append(("debt_ratio", {"total_assets": YI, "total_liabilities": debt + FEN}, above))
    for edge, on, below in MAIN_SHARE:
        main = Decimal(edge) * YI
        found.append(("main_share", {"operating_revenue": YI, "main_business_revenue": main}, on))
        found.append(("main_share", {"operating_revenue": YI, "main_business_revenue": main - FEN}, below))
    # 指标1: the highest option the enterprise satisfies.
    for changes, points in [
        ({}, 20),
        ({"ip_class1_high_value": 0}, 15),
        ({"ip_class1_high_value": 0, "ip_class1_self_developed": 0}, 10),
        ({"ip_class1_high_value": 0, "ip_class1_self_developed": 0, "ip_class1": 0}, 5),
        ({"ip_class1_high_value": 0, "ip_class1_self_developed": 0, "ip_class1": 0, "ip_class2": 0}, 0),
    ]:
        found.append(("ip", changes, points))
    # 指标5: A. 《战略性新兴产业分类》 10, B. other fields 5.
    found.append(("product_field", {"main_product_strategic_emerging": True}, 10))
    found.append(("product_field", {"main_product_strategic_emerging": False}, 5))
    return found


def test_each_edge_scores_the_higher_band_and_one_fen_below_the_lower() -> None:
    """附件1 评价指标1-6 (criteria.md §2.3), with decision D1 at every shared edge."""
    table = cases()
    results = decide(PACK, [qualifying_enterprise(**changes) for _, changes, _ in table])
    wrong = [
        (indicator, changes, expected, result.criteria[indicator].points)
        for (indicator, changes, expected), result in zip(table, results, strict=True)
        if result.criteria[indicator].points != expected
    ]
    assert not wrong


def test_revenue_from_100_to_115_is_exactly_fifteen_percent_growth() -> None:
    """Decision D1: "revenue going from 100 to 115 is exactly 15% growth, not 14.999…%" — band A, 20
    points.
    """
    result = decide(PACK, [qualifying_enterprise(main_business_revenue_prev=100, main_business_revenue=115)])[
        0
    ]
    assert result.criteria["main_growth"].points == 20
    assert result.criteria["main_growth"].value == Decimal("0.15")
