"""The 2026 measures (工信部企业〔2026〕2号, criteria.md Appendix A, all [S], provisional): every condition
of the SRDI
SME and little-giant standards, each on its threshold and just past it."""

from decimal import Decimal

import pytest

from tests.rules.sample import decide, qualifying_enterprise

WAN = Decimal(10_000)
FEN = Decimal("0.01")
SRDI = "cn.miit.srdi-sme.2026"
GIANT = "cn.miit.little-giant.2026"
# A smaller firm still growing 5% a year and spending 3% on R&D.
SMALLER = {
    "operating_revenue_prev2": 4000 * WAN,
    "main_business_revenue_prev2": 4000 * WAN,
    "main_business_revenue_prev": 4500 * WAN,
    "rd_expense": 720 * WAN,
}


@pytest.mark.parametrize(
    "pack, criterion, met, unmet",
    [
        # SRDI ① 科技和创新型 status, niche >= 3 years
        (SRDI, "tech_innovative_title", {"holds_tech_innovative_title": True}, {"holds_tech_innovative_title": False}),  # noqa: E501
        (SRDI, "niche_years", {"niche_years": 3}, {"niche_years": Decimal("2.999999")}),
        # SRDI ② revenue >= 1500万 (or equity >= 2000万), main share >= 80%, debt <= 80%
        (SRDI, "revenue", {"operating_revenue": 1500 * WAN, "main_business_revenue": 1500 * WAN,
                           "rd_expense": 100 * WAN},
         {"operating_revenue": 1500 * WAN - FEN, "main_business_revenue": 1500 * WAN - FEN, "rd_expense": 100 * WAN}),  # noqa: E501
        (SRDI, "revenue", {"operating_revenue": 1000 * WAN, "main_business_revenue": 1000 * WAN,
                           "rd_expense": 100 * WAN, "equity_financing_2y": 2000 * WAN},
         {"operating_revenue": 1000 * WAN, "main_business_revenue": 1000 * WAN, "rd_expense": 100 * WAN,
          "equity_financing_2y": 2000 * WAN - FEN}),
        (SRDI, "main_share", {"main_business_revenue": 9600 * WAN}, {"main_business_revenue": 9600 * WAN - FEN}),  # noqa: E501
        (SRDI, "debt_ratio", {"total_liabilities": 16000 * WAN}, {"total_liabilities": 16000 * WAN + FEN}),
        # SRDI ③ R&D >= 100万 and >= 3% in each of the last 2 years
        (SRDI, "rd_two_years", {"rd_expense": 360 * WAN, "rd_expense_prev": 300 * WAN},
         {"rd_expense": 360 * WAN, "rd_expense_prev": 300 * WAN - FEN}),
        # SRDI ④ >= 1 applied Class-I IP, or the waivers
        (SRDI, "ip_or_waiver", {"ip_class1_applied": 1, "rd_institution_level": "none"},
         {"ip_class1_applied": 0, "rd_institution_level": "municipal"}),
        (SRDI, "ip_or_waiver", {"ip_class1_applied": 0, "rd_institution_level": "none", "provincial_award_best_rank_3y": 3},  # noqa: E501
         {"ip_class1_applied": 0, "rd_institution_level": "none", "provincial_award_best_rank_3y": 4}),
        # SRDI ⑤ market share 较为靠前 (declared), ⑥ development evaluation >= 50
        (SRDI, "market_share_leading", {"market_share_leading": True}, {"market_share_leading": False}),
        (SRDI, "development_evaluation", {"development_eval_score": 50}, {"development_eval_score": Decimal("49.999999")}),  # noqa: E501
        # Little giant (一) SRDI title, niche >= 3
        (GIANT, "srdi_title", {"holds_srdi_title": True}, {"holds_srdi_title": False}),
        # (二) revenue >= 5000万, main share >= 90%, 2-year CAGR >= 5%, debt <= 75%
        (GIANT, "revenue", SMALLER | {"operating_revenue": 5000 * WAN, "main_business_revenue": 5000 * WAN},
         SMALLER | {"operating_revenue": 5000 * WAN - FEN, "main_business_revenue": 5000 * WAN - FEN}),
        (GIANT, "main_share", {"main_business_revenue": 10800 * WAN}, {"main_business_revenue": 10800 * WAN - FEN}),  # noqa: E501
        # D20: operating revenue, R_y × 10000 ≥ R_y−2 × 11025
        (GIANT, "revenue_growth", {"operating_revenue_prev2": 10000 * WAN, "operating_revenue": 11025 * WAN},  # noqa: E501
         {"operating_revenue_prev2": 10000 * WAN, "operating_revenue": 11025 * WAN - FEN}),
        (GIANT, "debt_ratio", {"total_liabilities": 15000 * WAN}, {"total_liabilities": 15000 * WAN + FEN}),
        # (三) R&D over 2 years >= 1200万 and >= 3% each year
        (GIANT, "rd_two_years", {"rd_expense": 600 * WAN, "rd_expense_prev": 600 * WAN},
         {"rd_expense": 600 * WAN, "rd_expense_prev": 600 * WAN - FEN}),
        # (四) >= 4 applied Class-I IP, or a national award ranked top 3
        (GIANT, "ip_or_award", {"ip_class1_applied": 4}, {"ip_class1_applied": 3}),
        (GIANT, "ip_or_award", {"ip_class1_applied": 0, "national_award_best_rank_3y": 3},
         {"ip_class1_applied": 0, "national_award_best_rank_3y": 4}),
        # (五) share >= 10% at home or abroad, or top 3 at home
        (GIANT, "market_position", {"national_niche_market_share": 0, "international_niche_market_share": Decimal("0.10"),  # noqa: E501
                                    "niche_market_rank_domestic": 9},
         {"national_niche_market_share": 0, "international_niche_market_share": Decimal("0.09999999"),
          "niche_market_rank_domestic": 4}),
        # (六) key field (declared), (七) development evaluation >= 60
        (GIANT, "product_key_field", {"main_product_key_field": True}, {"main_product_key_field": False}),
        (GIANT, "development_evaluation", {"development_eval_score": 60}, {"development_eval_score": Decimal("59.999999")}),  # noqa: E501
    ],
)  # fmt: skip
def test_each_condition_is_required(pack: str, criterion: str, met: dict, unmet: dict) -> None:
    """Appendix A: "all required"; thresholds inclusive ("以上", "不低于", "不高于")."""
    on, off = decide(pack, [qualifying_enterprise(**met), qualifying_enterprise(**unmet)])
    assert on.criteria[criterion].truth is True
    assert on.outcome == "qualified"
    assert off.criteria[criterion].truth is False
    assert off.outcome == "not_qualified"
