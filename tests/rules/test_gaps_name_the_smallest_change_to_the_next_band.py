"""Gap analysis: the smallest change of one number that reaches the next band or meets a condition, in zh
and en.
"""

from decimal import Decimal

from littlegiant.rules import assess_record
from tests.rules.sample import qualifying_enterprise

PACK = "cn.miit.innovative-sme.2022"


def gaps_of(document: dict, criterion: str) -> list[dict]:
    return [g for g in document["gaps"] if g["criterion"] == criterion]


def test_rd_expense_must_rise_by_372000_yuan_to_reach_three_percent() -> None:
    """86,000,000 × 3% = 2,580,000; from 2,208,000 that is 372,000 yuan more (band B, +5 points)."""
    record = qualifying_enterprise(rd_expense=Decimal("2208000"), operating_revenue=Decimal("86000000"))
    document = assess_record(record, [PACK])[PACK]
    (gap,) = gaps_of(document, "rd_intensity")
    assert gap["changes"] == [{"field": "rd_expense", "from": "2208000", "to": "2580000", "delta": "372000"}]
    assert gap["points_gained"] == 5
    assert gap["message_en"].startswith("R&D expense must rise by 372,000 yuan to reach band B. 3%-5%")
    assert gap["message_zh"].startswith("研发费用总额需增加 37.2 万元，才能达到")


def test_a_falling_indicator_asks_for_less_debt() -> None:
    """附件1 指标4: from 60% to "55%以下" the liabilities must fall by 5% of total assets."""
    record = qualifying_enterprise(total_assets=Decimal("100000000"), total_liabilities=Decimal("60000000"))
    (gap,) = gaps_of(assess_record(record, [PACK])[PACK], "debt_ratio")
    assert gap["changes"][0]["delta"] == "-5000000"
    assert "must fall by 5,000,000 yuan to reach band A. 55%以下" in gap["message_en"]


def test_a_missing_score_lists_the_single_changes_that_would_do() -> None:
    """附件2 认定条件4: 58 points need 2 more — "any one of" the changes each worth 2 or more."""
    record = qualifying_enterprise(
        local_indicator_score=Decimal(0), rd_institution_level="none", ip_class1_high_value=0,
        ip_class1_self_developed=0, ip_class1=0, ip_class2=0, digital_level=2, net_profit=Decimal(0),
        quality_provincial_award=False, quality_system_certified=False,
    )  # fmt: skip
    document = assess_record(record, ["cn.miit.srdi-sme.2022"])["cn.miit.srdi-sme.2022"]
    score_gap = gaps_of(document, "score_route")
    assert document["score"] < 60
    assert score_gap and "more points needed" in score_gap[0]["message_en"]
    assert "分才能达到 60 分" in score_gap[0]["message_zh"]
    assert score_gap[0]["points_gained"] == 60 - document["score"]


def test_insufficient_data_lists_the_missing_inputs_that_would_decide_it() -> None:
    """Decision D5: unknown is never zero; the outcome is insufficient_data, listing the missing fields."""
    record = qualifying_enterprise(rd_expense_prev=None, operating_revenue_prev=None)
    document = assess_record(record, ["cn.miit.little-giant.2022"])["cn.miit.little-giant.2022"]
    assert document["outcome"] == "insufficient_data"
    assert document["missing_inputs"] == ["operating_revenue_prev", "rd_expense_prev"]


def test_a_failed_condition_decides_despite_unknowns() -> None:
    """Decision D5: "if the outcome is still decided by the rest (… a condition already fails), that outcome
    stands"."""
    record = qualifying_enterprise(rd_expense_prev=None, own_brand=False)
    document = assess_record(record, ["cn.miit.little-giant.2022"])["cn.miit.little-giant.2022"]
    assert document["outcome"] == "not_qualified"
    assert document["missing_inputs"] == []


def test_a_direct_route_decides_despite_an_unknown_score() -> None:
    """Decision D5: "a direct route holds" — qualified with the score unknown."""
    record = qualifying_enterprise(ip_class1=None, rd_expense=None, innovation_honour_valid=True)
    document = assess_record(record, [PACK])[PACK]
    assert document["score"] is None
    assert document["outcome"] == "qualified"
