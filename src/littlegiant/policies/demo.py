"""Demo support policies for Zhejiang across the four levels, issued through the services by the demo
officials. Amounts are demo amounts (marked so on every page); the only document numbers are the national
ones criteria.md confirms (财政部 税务总局公告2023年第7号, 2023年第12号). The demo owner's enterprise qualifies for
some, is one or two stated changes from others, and is undecided on one for lack of data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from littlegiant.accounts.demo import DemoAccount
from littlegiant.accounts.models import User
from littlegiant.policies.execution import execute_run
from littlegiant.policies.services import create_policy, start_run

START = dt.date(2026, 1, 1)
END = dt.date(2028, 12, 31)


def _c(label: str, expression: str) -> dict[str, str]:
    return {"label": label, "expression": expression}


# (official, title, issuer, level, region, document number, benefit, conditions)
POLICIES: list[tuple[str, str, str, str, str | None, str, dict[str, object], list[dict[str, str]]]] = [
    ("reviewer_national", "研发费用税前加计扣除（按实际发生额100%加计）", "财政部 税务总局", "national", None,
     "财政部 税务总局公告2023年第7号",
     {"benefit_kind": "described", "benefit_text": "未形成无形资产的研发费用，按实际发生额的100%在税前加计扣除", "demo": False},
     [_c("有研发费用", "rd_expense > 0")]),
    ("reviewer_national", "小型微利企业所得税优惠（示意条件）", "财政部 税务总局", "national", None,
     "财政部 税务总局公告2023年第12号",
     {"benefit_kind": "described", "benefit_text": "减按25%计入应纳税所得额，按20%的税率缴纳企业所得税（条件以年度平均数计，此处以年末数示意）"},
     [_c("从业人数不超过300人", "employees <= 300"), _c("资产总额不超过5000万元", "total_assets <= 50000000")]),
    ("reviewer_national", "专精特新“小巨人”企业奖补（示意）", "工业和信息化部", "national", None, "",
     {"benefit_kind": "fixed_amount", "benefit_amount": "1000000"},
     [_c("持有有效的小巨人称号", "title_little_giant")]),
    ("reviewer_zhejiang", "省级专精特新中小企业奖励（示意）", "浙江省经济和信息化厅", "provincial", "330000", "",
     {"benefit_kind": "fixed_amount", "benefit_amount": "300000"},
     [_c("持有有效的专精特新中小企业称号", "title_srdi_sme")]),
    ("reviewer_zhejiang", "中小企业数字化改造补助（示意）", "浙江省经济和信息化厅", "provincial", "330000", "",
     {"benefit_kind": "computed_amount", "benefit_expression": "LEAST(operating_revenue * 0.002, 300000)"},
     [_c("数字化水平达到三级", "digital_level >= 3"), _c("属于中小企业", "size_sme")]),
    ("reviewer_zhejiang", "研发投入强度提升奖励（示意）", "浙江省科学技术厅", "provincial", "330000", "",
     {"benefit_kind": "fixed_amount", "benefit_amount": "200000"},
     [_c("研发费用不低于300万元", "rd_expense >= 3000000"),
      _c("研发费用占营业收入比重不低于3%", "rd_expense / operating_revenue >= 0.03")]),
    ("reviewer_zhejiang", "高价值知识产权培育奖励（示意）", "浙江省知识产权局", "provincial", "330000", "",
     {"benefit_kind": "fixed_amount", "benefit_amount": "100000"},
     [_c("拥有Ⅰ类高价值知识产权", "ip_class1_high_value >= 1")]),
    ("reviewer_zhejiang", "省科学技术奖获奖企业配套奖励（示意）", "浙江省科学技术厅", "provincial", "330000", "",
     {"benefit_kind": "fixed_amount", "benefit_amount": "500000"},
     [_c("近三年省级科技奖排名前三", "provincial_award_best_rank_3y <= 3")]),
    ("reviewer_zhejiang", "自主品牌与标准制定奖励（示意）", "浙江省市场监督管理局", "provincial", "330000", "",
     {"benefit_kind": "fixed_amount", "benefit_amount": "80000"},
     [_c("拥有自主品牌", "own_brand"), _c("参与制修订标准", "standards_participation")]),
    ("reviewer_hangzhou", "杭州市创新型中小企业奖励（示意）", "杭州市经济和信息化局", "municipal", "330100", "",
     {"benefit_kind": "fixed_amount", "benefit_amount": "100000"},
     [_c("持有科技和创新型（创新型）中小企业称号", "title_innovative_sme OR holds_tech_innovative_title")]),
    ("reviewer_hangzhou", "杭州市规上工业企业研发补助（示意）", "杭州市科学技术局", "municipal", "330100", "",
     {"benefit_kind": "computed_amount", "benefit_expression": "LEAST(rd_expense * 0.05, 500000)"},
     [_c("营业收入不低于2000万元", "operating_revenue >= 20000000"), _c("研发费用不低于200万元", "rd_expense >= 2000000")]),
    ("reviewer_hangzhou", "杭州市专精特新梯队培育（示意）", "杭州市经济和信息化局", "municipal", "330100", "",
     {"benefit_kind": "fixed_amount", "benefit_amount": "150000"},
     [_c("Ⅰ类知识产权不少于8项", "ip_class1 >= 8"), _c("研发费用不低于300万元", "rd_expense >= 3000000")]),
    ("reviewer_ningbo", "宁波市单项冠军培育奖励（示意）", "宁波市经济和信息化局", "municipal", "330200", "",
     {"benefit_kind": "fixed_amount", "benefit_amount": "500000"},
     [_c("主导产品全国细分市场占有率不低于10%", "national_niche_market_share >= 0.1")]),
    ("reviewer_hangzhou", "西湖区科技型中小企业房租补贴（示意）", "杭州市西湖区科技局", "county", "330106", "",
     {"benefit_kind": "fixed_amount", "benefit_amount": "50000"},
     [_c("属于中小企业", "size_sme"), _c("从业人员不超过300人", "employees <= 300")]),
    ("reviewer_hangzhou", "西湖区研发人才集聚奖励（示意）", "杭州市西湖区人力社保局", "county", "330106", "",
     {"benefit_kind": "described", "benefit_text": "按研发人员数给予人才公寓优先配租"},
     [_c("研发人员不少于60人", "rd_staff >= 60")]),
    ("reviewer_hangzhou", "余杭区数字经济企业奖励（示意）", "杭州市余杭区经信局", "county", "330110", "",
     {"benefit_kind": "fixed_amount", "benefit_amount": "80000"},
     [_c("数字化水平达到二级", "digital_level >= 2")]),
    ("reviewer_ningbo", "鄞州区制造业企业技改补助（示意）", "宁波市鄞州区经信局", "county", "330212", "",
     {"benefit_kind": "fixed_amount", "benefit_amount": "120000"},
     [_c("营业收入不低于5000万元", "operating_revenue >= 50000000")]),
]  # fmt: skip


def build(*, seed: int, log: Callable[[str], None]) -> list[DemoAccount]:
    """The policies, and one 免申即享 list made for the Hangzhou reviewer (without a worker)."""
    people = {u.username: u for u in User.objects.filter(username__in={p[0] for p in POLICIES})}
    created = []
    for official, title, issuer, level, region, document, benefit, conditions in POLICIES:
        if official not in people:
            continue
        data = {
            "title": title, "issuer": issuer, "level": level, "region": region, "document_number": document,
            "valid_from": START, "valid_until": END, "conditions": conditions, "demo": True, **benefit,
        }  # fmt: skip
        if "benefit_amount" in data:
            data["benefit_amount"] = Decimal(str(data["benefit_amount"]))
        created.append(create_policy(data, by=people[official]))
    log(f"Support policies: {len(created)} across the national, provincial, municipal and county levels.")
    reviewer = people.get("reviewer_hangzhou")
    listed = next((p for p in created if p.title.startswith("杭州市规上工业企业研发补助")), None)
    if reviewer is not None and listed is not None:
        run = execute_run(start_run(listed, by=reviewer, enqueue=False).pk)
        log(f"免申即享: {run.qualifying:,} enterprises of Hangzhou qualify for “{listed.title}”.")
    return []
