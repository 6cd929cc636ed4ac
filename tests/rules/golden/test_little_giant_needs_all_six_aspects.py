"""专精特新"小巨人"企业认定标准 (63号 附件3): "需同时满足专、精、特、新、链、品六个方面指标" (criteria.md
§4).
"""

from decimal import Decimal

import pytest

from tests.rules.sample import decide, qualifying_enterprise

PACK = "cn.miit.little-giant.2022"
WAN = Decimal(10_000)
YI = Decimal(100_000_000)
FEN = Decimal("0.01")
# Earlier years low enough that 70% of revenue is still growth of 5% or more.
GROWING = {"main_business_revenue_prev2": 7000 * WAN, "main_business_revenue_prev": 7600 * WAN}


@pytest.mark.parametrize(
    "criterion, met, unmet",
    [
        ("niche_years", {"niche_years": 3}, {"niche_years": Decimal("2.999999")}),  # 专: 达到3年以上
        ("main_share", GROWING | {"main_business_revenue": Decimal("0.70") * 12000 * WAN},
         GROWING | {"main_business_revenue": Decimal("0.70") * 12000 * WAN - FEN}),  # 专: 不低于70%
        ("main_growth", {"main_business_revenue_prev2": YI, "main_business_revenue_prev": YI,
                         "main_business_revenue": YI * Decimal("1.10")},
         {"main_business_revenue_prev2": YI, "main_business_revenue_prev": YI,
          "main_business_revenue": YI * Decimal("1.10") - FEN}),  # 专: 平均增长率不低于5% (D3)
        # 精
        ("it_supported_process", {"it_supported_core_processes": 1}, {"it_supported_core_processes": 0}),
        ("certification", {"management_or_intl_certification": True}, {"management_or_intl_certification": False}),  # noqa: E501
        ("debt_ratio", {"total_liabilities": Decimal("0.70") * 20000 * WAN},
         {"total_liabilities": Decimal("0.70") * 20000 * WAN + FEN}),  # 精: 不高于70%
        ("niche_market_share", {"national_niche_market_share": Decimal("0.10")},
         {"national_niche_market_share": Decimal("0.09999999")}),  # 特: 达到10%以上
        ("own_brand", {"own_brand": True}, {"own_brand": False}),  # 特
        # 新 2
        ("rd_institution", {"rd_institution_level": "below_municipal"}, {"rd_institution_level": "none"}),
        ("ip_applied", {"ip_class1_applied": 2}, {"ip_class1_applied": 1}),  # 新 3: 2项以上
        ("chain_key_link", {"chain_key_link": True}, {"chain_key_link": False}),  # 链 (D9)
        ("product_key_field", {"main_product_key_field": True}, {"main_product_key_field": False}),  # 品 (D9)
    ],
)  # fmt: skip
def test_each_condition_is_required(criterion: str, met: dict[str, object], unmet: dict[str, object]) -> None:
    """附件3: every aspect is required; each threshold is inclusive."""
    on, off = decide(PACK, [qualifying_enterprise(**met), qualifying_enterprise(**unmet)])
    assert on.criteria[criterion].truth is True
    assert on.outcome == "qualified"
    assert off.criteria[criterion].truth is False
    assert off.outcome == "not_qualified"


def test_rd_intensity_follows_the_revenue_band_d8() -> None:
    """附件3 新 一般性条件1 and decision D8: ">= 1亿 uses the 3% rule; 5000万 <= R < 1亿 the 6% rule;
    R < 5000万 the equity route"; "近2年…比重均不低于" (each of the last 2 years)."""
    rows = [
        # exactly 1亿: 3% each year
        ({"operating_revenue": YI, "rd_expense": 300 * WAN, "operating_revenue_prev": YI, "rd_expense_prev": 300 * WAN}, True),  # noqa: E501
        ({"operating_revenue": YI, "rd_expense": 300 * WAN - FEN, "operating_revenue_prev": YI, "rd_expense_prev": 300 * WAN}, False),  # noqa: E501
        ({"operating_revenue": YI, "rd_expense": 300 * WAN, "operating_revenue_prev": YI, "rd_expense_prev": 300 * WAN - FEN}, False),  # noqa: E501
        # just under 1亿: the 6% rule applies, so 3% is not enough
        ({"operating_revenue": YI - FEN, "rd_expense": 300 * WAN, "operating_revenue_prev": YI, "rd_expense_prev": 600 * WAN}, False),  # noqa: E501
        # exactly 5000万: 6% each year
        ({"operating_revenue": 5000 * WAN, "rd_expense": 300 * WAN, "operating_revenue_prev": 5000 * WAN, "rd_expense_prev": 300 * WAN}, True),  # noqa: E501
        ({"operating_revenue": 5000 * WAN, "rd_expense": 300 * WAN - FEN, "operating_revenue_prev": 5000 * WAN, "rd_expense_prev": 300 * WAN}, False),  # noqa: E501
    ]  # fmt: skip
    results = decide(PACK, [qualifying_enterprise(**changes) for changes, _ in rows])
    assert [r.criteria["rd_by_revenue"].truth for r in results] == [expected for _, expected in rows]


def test_below_fifty_million_the_equity_route_needs_all_three_d7() -> None:
    """附件3 新 一般性条件1, "5000万元以下": 股权融资8000万元以上, 研发费用总额3000万元以上 (D7: last year's),
    研发人员占比50%以上."""
    base = {"operating_revenue": 5000 * WAN - FEN, "equity_financing_2y": 8000 * WAN, "rd_expense": 3000 * WAN,  # noqa: E501
            "employees": 200, "rd_staff": 100}  # fmt: skip
    results = decide(PACK, [
        qualifying_enterprise(**base),
        qualifying_enterprise(**base | {"equity_financing_2y": 8000 * WAN - FEN}),
        qualifying_enterprise(**base | {"rd_expense": 3000 * WAN - FEN, "rd_expense_prev": 9000 * WAN}),
        qualifying_enterprise(**base | {"rd_staff": 99}),
    ])  # fmt: skip
    assert [r.criteria["rd_by_revenue"].truth for r in results] == [True, False, False, False]


def test_the_innovation_direct_route_is_not_evaluated_d6() -> None:
    """Decision D6 / criteria.md §4.4: "创新直通条件" items are unconfirmed — not encoded, reported "not
    evaluated".
    """
    result = decide(PACK, [qualifying_enterprise()])[0]
    assert result.criteria["innovation_direct_route"].status == "not_evaluated"
    assert result.criteria["refinement_qualitative"].status == "not_evaluated"
