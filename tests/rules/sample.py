"""Sample enterprises for the criteria tests: one that meets every 2022 and 2026 criterion with room to
spare.
"""

from __future__ import annotations

from decimal import Decimal

from littlegiant.identifiers import make_credit_code
from littlegiant.rules.assessment import evaluate_records
from littlegiant.rules.evaluation import PackResult

WAN = Decimal(10000)  # 1万元 = 10000 yuan
# The engine of the compiled SQL in `decide`: "sql" (DuckDB) or "spark"; the golden tests' fixture sets it.
ENGINE = "sql"


def qualifying_enterprise(**changes: object) -> dict[str, object]:
    """An industrial SME (GB/T 4754 class 3743) that qualifies for every tier, 2022 and 2026 alike."""
    record: dict[str, object] = {
        "credit_code": make_credit_code("91", "330106", "MA2B3C4D"),
        "name": "杭州示例精密机械有限公司",
        "region_code": "330106",
        "industry_code": "3743",
        "year": 2025,
        "employees": 200,
        "operating_revenue": 12000 * WAN,
        "operating_revenue_prev": 10000 * WAN,
        "operating_revenue_prev2": 9000 * WAN,
        "main_business_revenue": 11400 * WAN,
        "main_business_revenue_prev": 10000 * WAN,
        "main_business_revenue_prev2": 9000 * WAN,
        "total_assets": 20000 * WAN,
        "total_liabilities": 8000 * WAN,
        "net_profit": 1400 * WAN,
        "rd_expense": 720 * WAN,
        "rd_expense_prev": 600 * WAN,
        "rd_staff": 50,
        "equity_financing_2y": Decimal(0),
        "equity_financing_3y": Decimal(0),
        "niche_years": Decimal(12),
        "national_niche_market_share": Decimal("0.15"),
        "ip_class1": 6,
        "ip_class1_self_developed": 5,
        "ip_class1_high_value": 1,
        "ip_class1_applied": 5,
        "ip_class2": 3,
        "main_product_strategic_emerging": True,
        "main_product_chain_role": "key_link_results",
        "digital_level": 3,
        "quality_provincial_award": True,
        "quality_system_certified": True,
        "own_brand": True,
        "standards_participation": True,
        "local_indicator_score": Decimal(12),
        "rd_institution_level": "provincial",
        "provincial_award_best_rank_3y": None,
        "national_award_best_rank_3y": None,
        "innovation_honour_valid": False,
        "makers_china_top500_3y": False,
        "it_supported_core_processes": 3,
        "management_or_intl_certification": True,
        "chain_key_link": True,
        "main_product_key_field": True,
        "holds_tech_innovative_title": True,
        "holds_srdi_title": True,
        "development_eval_score": Decimal(75),
        "development_eval_score_prev": Decimal(70),
        "market_share_leading": True,
        "niche_market_rank_domestic": 2,
        "international_niche_market_share": Decimal("0.05"),
        "independent_legal_person": True,
        "listed_abnormal_or_dishonest": False,
        "restricted_industry": False,
        "incident_or_violation_3y": False,
        "application_kind": "new",
    }
    record.update(changes)
    return record


def decide(pack_id: str, records: list[dict[str, object]]) -> list[PackResult]:
    """Each record's result for the pack, from the compiled SQL on ENGINE, after checking the reference
    evaluator agrees.
    """
    by_sql = evaluate_records(records, [pack_id], engine=ENGINE)
    by_python = evaluate_records(records, [pack_id], engine="python")
    for sql, python in zip(by_sql, by_python, strict=True):
        assert sql[pack_id] == python[pack_id], f"SQL and reference evaluator disagree: {sql} != {python}"
    return [result[pack_id] for result in by_sql]


def decide_one(pack_id: str, **changes: object) -> PackResult:
    return decide(pack_id, [qualifying_enterprise(**changes)])[0]
