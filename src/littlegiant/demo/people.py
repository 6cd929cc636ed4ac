"""The demo's people: one account per core role, and the showcase enterprise its owner acts for.

The showcase enterprise is a strong SRDI candidate that misses one condition by a little (R&D at 2.8% of
revenue where 3% is required), so the self-assessment's gap analysis has something worth reading.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from littlegiant.accounts.demo import DemoAccount, register_demo_account
from littlegiant.accounts.models import ReviewerAssignment, User
from littlegiant.demo.province import YEARS
from littlegiant.enterprises.credit_code import make_credit_code
from littlegiant.enterprises.models import AnnualFiling, Enterprise, Membership

SHOWCASE_NAME = "杭州启明精密传动科技有限公司"
SHOWCASE_COUNTY = "330106"  # 西湖区, Hangzhou
SHOWCASE_INDUSTRY = "3453"  # 齿轮及齿轮减、变速箱制造
SHOWCASE_BODY = "MA27QM8C"


def _showcase_values(year: int) -> dict[str, object]:
    """A growing precision-transmission maker; every SRDI condition holds except R&D intensity (2.8% < 3%)."""
    step = YEARS.index(year)
    revenue = [
        Decimal("61200000"),
        Decimal("70400000"),
        Decimal("80000000"),
        Decimal("89600000"),
        Decimal("98600000"),
    ]
    # revenue[i] and rd_share[i] are those of year YEARS[0] - 2 + i: R&D creeps up, never quite to 3%.
    rd_share = [Decimal(share) for share in ("0.024", "0.025", "0.026", "0.027", "0.028")]
    here = step + 2
    return {
        "employees": 160 + 12 * step,
        "operating_revenue": revenue[here],
        "operating_revenue_prev": revenue[here - 1],
        "operating_revenue_prev2": revenue[here - 2],
        "main_business_revenue": revenue[here] * Decimal("0.92"),
        "main_business_revenue_prev": revenue[here - 1] * Decimal("0.92"),
        "main_business_revenue_prev2": revenue[here - 2] * Decimal("0.92"),
        "total_assets": revenue[here] * Decimal("1.35"),
        "total_liabilities": revenue[here] * Decimal("0.58"),
        "net_profit": revenue[here] * Decimal("0.094"),
        "rd_expense": revenue[here] * rd_share[here],
        "rd_expense_prev": revenue[here - 1] * rd_share[here - 1],
        "rd_staff": 30 + 3 * step,
        "equity_financing_2y": Decimal("0"),
        "equity_financing_3y": Decimal("0"),
        "niche_years": Decimal(year - 2014),
        "national_niche_market_share": Decimal("0.058"),
        "ip_class1": 4 + step,
        "ip_class1_self_developed": 3 + step,
        "ip_class1_high_value": 0,
        "ip_class1_applied": 3,
        "ip_class2": 14 + 2 * step,
        "main_product_strategic_emerging": True,
        "main_product_chain_role": "foundation_or_supplier",
        "digital_level": 3,
        "quality_provincial_award": False,
        "quality_system_certified": True,
        "own_brand": True,
        "standards_participation": True,
        "local_indicator_score": Decimal("9"),
        "rd_institution_level": "municipal",
        "innovation_honour_valid": True,
        "makers_china_top500_3y": False,
        "it_supported_core_processes": 3,
        "management_or_intl_certification": True,
        "chain_key_link": False,
        "main_product_key_field": True,
        "holds_tech_innovative_title": True,
        "holds_srdi_title": False,
        "development_eval_score": Decimal("66.5") + step,
        "development_eval_score_prev": Decimal("64.0") + step,
        "market_share_leading": True,
        "niche_market_rank_domestic": 9,
        "international_niche_market_share": Decimal("0.004"),
        "independent_legal_person": True,
        "listed_abnormal_or_dishonest": False,
        "restricted_industry": False,
        # The R&D breakdown of the year (enterprise-data.md): other related expenses 22,222.22 yuan above their
        # 10/90 cap of items 1-5, so the calculator has a finding to tell.
        "rd_personnel": revenue[here] * rd_share[here] * Decimal("0.62"),
        "rd_direct_inputs": revenue[here] * rd_share[here] * Decimal("0.18"),
        "rd_depreciation": revenue[here] * rd_share[here] * Decimal("0.06"),
        "rd_amortisation": revenue[here] * rd_share[here] * Decimal("0.01"),
        "rd_design_fees": revenue[here] * rd_share[here] * Decimal("0.03"),
        "rd_other_related": (revenue[here] * rd_share[here] * Decimal("0.9") / 9).quantize(Decimal("0.01"))
        + Decimal("22222.22"),
        "rd_commissioned_domestic": Decimal("0"),
        "rd_commissioned_overseas": Decimal("0"),
        "rd_capitalised_amortisation": Decimal("0"),
        "taxable_income": revenue[here] * Decimal("0.1"),
        "hnte": False,
        "ic_or_mother_machine_listed": False,
        "employees_avg": Decimal(158 + 12 * step),
        "total_assets_avg": revenue[here] * Decimal("1.3"),
        "incident_or_violation_3y": False,
    }


def build_showcase_enterprise() -> Enterprise:
    """The owner's enterprise, with a filing for every demo year."""
    enterprise = Enterprise.objects.create(
        credit_code=make_credit_code("91", SHOWCASE_COUNTY, SHOWCASE_BODY),
        name=SHOWCASE_NAME,
        region_id=SHOWCASE_COUNTY,
        industry_id=SHOWCASE_INDUSTRY,
        founded_on=date(2013, 9, 16),
    )
    AnnualFiling.objects.bulk_create(
        AnnualFiling(enterprise=enterprise, year=year, **_showcase_values(year)) for year in YEARS
    )
    return enterprise


def _user(username: str, display_name: str, **extra: object) -> User:
    user = User(
        username=username, display_name=display_name, email=f"{username}@demo.littlegiant.cn", **extra
    )
    user.set_unusable_password()  # register_demo_account gives it the demo password
    user.save()
    return user


def build_core_accounts(showcase: Enterprise) -> list[DemoAccount]:
    """One account per core role: enterprise owner and delegate, reviewers at each level, an administrator."""
    accounts: list[DemoAccount] = []

    owner = _user("owner", "王启明")
    Membership.objects.create(user=owner, enterprise=showcase, role="owner")
    accounts.append(register_demo_account(
        owner, "Enterprise owner", "企业负责人",
        "自评：研发投入占比2.8%，差一点达到专精特新的3% · Self-assessment: R&D at 2.8%, just short of 3%.",
    ))  # fmt: skip

    delegate = _user("delegate", "陈晓燕")
    Membership.objects.create(user=delegate, enterprise=showcase, role="delegate")
    accounts.append(register_demo_account(
        delegate, "Enterprise delegate", "企业经办人",
        "代企业更新数据、提交申请 · Updates the data and applies for the enterprise.",
    ))  # fmt: skip

    reviewers = [
        (
            "reviewer_hangzhou",
            "杭州市经信局 审核员",
            "municipal",
            "330100",
            "Municipal reviewer, Hangzhou",
            "杭州市审核员",
        ),
        (
            "reviewer_ningbo",
            "宁波市经信局 审核员",
            "municipal",
            "330200",
            "Municipal reviewer, Ningbo",
            "宁波市审核员",
        ),
        (
            "reviewer_zhejiang",
            "浙江省经信厅 审核员",
            "provincial",
            "330000",
            "Provincial reviewer, Zhejiang",
            "浙江省审核员",
        ),
        ("reviewer_national", "工业和信息化部 审核员", "national", None, "National reviewer", "国家审核员"),
    ]
    notes = {
        "municipal": "只看本市企业，向省级推荐申请 · Sees only the city; recommends applications upward.",
        "provincial": "查看全省企业，批量对照标准筛查 · Sees the province; screens it against the criteria.",
        "national": "查看全国，审定小巨人申请 · Sees every province; decides little-giant applications.",
    }
    for username, display_name, level, region, role_en, role_zh in reviewers:
        reviewer = _user(username, display_name)
        ReviewerAssignment.objects.create(user=reviewer, level=level, region_id=region)
        accounts.append(register_demo_account(reviewer, role_en, role_zh, notes[level]))

    administrator = _user("admin", "平台管理员", is_staff=True, is_superuser=True)
    accounts.append(register_demo_account(
        administrator, "Platform administrator", "平台管理员",
        "查看全部数据，在后台管理用户与角色 · Sees everything; manages people and roles.",
    ))  # fmt: skip
    return accounts
