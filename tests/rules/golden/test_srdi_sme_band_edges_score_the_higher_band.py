"""专精特新中小企业认定标准 (工信部企业〔2022〕63号 附件2), the scoring table: every band edge, on it and
just below.

Decision D1 at every shared edge; decision D3 for the 2-year average growth. Values from criteria.md §3.3.
"""

from decimal import Decimal

from tests.rules.sample import decide, qualifying_enterprise

PACK = "cn.miit.srdi-sme.2022"
YI = Decimal(100_000_000)
WAN = Decimal(10_000)
FEN = Decimal("0.01")


def cases() -> list[tuple[str, dict[str, object], int]]:
    found: list[tuple[str, dict[str, object], int]] = []
    # 指标1 主营业务收入占比: A. 80%以上 5, B. 70%-80% 3, C. 60%-70% 1, D. 60%以下 0.
    for edge, on, below in [("0.80", 5, 3), ("0.70", 3, 1), ("0.60", 1, 0)]:
        main = Decimal(edge) * YI
        found.append(("main_share", {"operating_revenue": YI, "main_business_revenue": main}, on))
        found.append(("main_share", {"operating_revenue": YI, "main_business_revenue": main - FEN}, below))
    # 指标2 近2年主营业务收入平均增长率 (D3: mean of two yearly rates); the year before grew 0%, so last
    # year = 2x.
    for edge, on, below in [("0.10", 10, 8), ("0.08", 8, 6), ("0.06", 6, 4), ("0.04", 4, 2), ("0", 2, 0)]:
        now = YI * (1 + 2 * Decimal(edge))
        base = {"main_business_revenue_prev2": YI, "main_business_revenue_prev": YI}
        found.append(("main_growth", base | {"main_business_revenue": now}, on))
        found.append(("main_growth", base | {"main_business_revenue": now - FEN}, below))
    # 指标3 "每满2年得1分，最高不超过5分".
    for years, points in [
        (10, 5),
        ("9.999999", 4),
        (8, 4),
        (6, 3),
        (4, 2),
        ("3.999999", 1),
        (2, 1),
        ("1.999999", 0),
    ]:
        found.append(("niche_years_score", {"niche_years": Decimal(str(years))}, points))
    # 指标4 主导产品所属领域 (declared, D9).
    for role, points in [("key_link_results", 5), ("foundation_or_supplier", 3), ("none", 0)]:
        found.append(("chain_role", {"main_product_chain_role": role}, points))
    # 指标5 数字化水平 (D10): 三级以上 5, 二级 3, 一级 0.
    for level, points in [(4, 5), (3, 5), (2, 3), (1, 0)]:
        found.append(("digital_level", {"digital_level": level}, points))
    # 指标6 质量管理水平: "每满足一项加3分，最高不超过5分".
    items = ["quality_provincial_award", "quality_system_certified", "own_brand", "standards_participation"]
    for met, points in [(0, 0), (1, 3), (2, 5), (4, 5)]:
        found.append(("quality", {name: index < met for index, name in enumerate(items)}, points))
    # 指标7 净利润率: A. 10%以上 10 … F. 2%以下 0.
    for edge, on, below in [("0.10", 10, 8), ("0.08", 8, 6), ("0.06", 6, 4), ("0.04", 4, 2), ("0.02", 2, 0)]:
        profit = Decimal(edge) * YI
        found.append(("net_margin", {"operating_revenue": YI, "net_profit": profit}, on))
        found.append(("net_margin", {"operating_revenue": YI, "net_profit": profit - FEN}, below))
    # 指标8 资产负债率: A. 50%以下 5, B. 50%-60% 3, C. 60%-70% 1, D. 70%以上 0.
    for edge, on, above in [("0.50", 5, 3), ("0.60", 3, 1), ("0.70", 1, 0)]:
        debt = Decimal(edge) * YI
        found.append(("debt_ratio", {"total_assets": YI, "total_liabilities": debt}, on))
        found.append(("debt_ratio", {"total_assets": YI, "total_liabilities": debt + FEN}, above))
    # 指标9 地方特色指标: the provincial score as entered.
    found.append(("local_indicators", {"local_indicator_score": Decimal("12.5")}, Decimal("12.5")))
    # 指标10 知识产权 [S]: A 10, B 8, C 6, D 2, E 0.
    no_ip = {"ip_class1_high_value": 0, "ip_class1_self_developed": 0, "ip_class1": 0, "ip_class2": 0}
    found += [
        ("ip", {}, 10),
        ("ip", no_ip | {"ip_class1_self_developed": 1, "ip_class1": 1}, 8),
        ("ip", no_ip | {"ip_class1": 1}, 6),
        ("ip", no_ip | {"ip_class2": 1}, 2),
        ("ip", no_ip, 0),
    ]
    # 指标11 研发费用投入: amount (500/400/300/200/100万) or share of revenue (10/8/6/4/3%), the better of
    # the two.
    big = 100 * YI  # revenue so large that every share is under 3%
    for amount, on, below in [(500, 10, 8), (400, 8, 6), (300, 6, 4), (200, 4, 2), (100, 2, 0)]:
        found.append(("rd_input", {"operating_revenue": big, "rd_expense": amount * WAN}, on))
        found.append(("rd_input", {"operating_revenue": big, "rd_expense": amount * WAN - FEN}, below))
    small = 500 * WAN  # revenue so small that every amount is under 100万
    for edge, on, below in [("0.10", 10, 8), ("0.08", 8, 6), ("0.06", 6, 4), ("0.04", 4, 2), ("0.03", 2, 0)]:
        rd = Decimal(edge) * small
        found.append(("rd_input", {"operating_revenue": small, "rd_expense": rd}, on))
        found.append(("rd_input", {"operating_revenue": small, "rd_expense": rd - FEN}, below))
    # 指标12 研发人员占比 [S]: A. 20%以上 5, B. 10%-20% 3, C. 5%-10% 1, D. 5%以下 0 (200 employees).
    for staff, points in [(40, 5), (39, 3), (20, 3), (19, 1), (10, 1), (9, 0)]:
        found.append(("rd_staff_share", {"employees": 200, "rd_staff": staff}, points))
    # 指标13 研发机构级别 [S].
    for level, points in [
        ("national", 10),
        ("provincial", 8),
        ("municipal", 4),
        ("below_municipal", 2),
        ("none", 0),
    ]:
        found.append(("rd_institution", {"rd_institution_level": level}, points))
    return found


def test_each_edge_scores_the_higher_band_and_one_unit_below_the_lower() -> None:
    """附件2 评价指标1-13 (criteria.md §3.3): "四类十三个指标, 满分100分", with decision D1 at every edge."""
    table = cases()
    results = decide(PACK, [qualifying_enterprise(**changes) for _, changes, _ in table])
    wrong = [
        (indicator, changes, expected, result.criteria[indicator].points)
        for (indicator, changes, expected), result in zip(table, results, strict=True)
        if result.criteria[indicator].points != expected
    ]
    assert not wrong


def test_the_category_maxima_add_up_to_one_hundred() -> None:
    """附件2: 专业化 25, 精细化 25, 特色化 15, 创新能力 35 — 满分100分."""
    result = decide(PACK, [qualifying_enterprise(local_indicator_score=15, rd_institution_level="national")])[
        0
    ]
    assert result.score == 100
    assert {k: v[0] for k, v in result.categories.items()} == {
        "specialisation": 25,
        "refinement": 25,
        "distinctiveness": 15,
        "innovation": 35,
    }
