"""The fixed cast of characters (healthchecks' Alice/Bob/Charlie), used by every test that needs people.

Regions are real GB/T 2260 codes loaded by the reference migrations: the demo province is Zhejiang (330000),
city A is Hangzhou (330100), city B is Ningbo (330200).

- alice: owner of Alpha Photonics (Hangzhou, Xihu district)
- bob: owner of Beta Valves (Ningbo, Yinzhou district)
- hangzhou_reviewer, ningbo_reviewer: municipal reviewers of city A and city B
- provincial_reviewer: Zhejiang; national_reviewer: the whole country
- admin: a platform administrator
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from littlegiant.enterprises.credit_code import make_credit_code

PASSWORD = "correct horse battery staple"
PROVINCE, CITY_A, CITY_B = "330000", "330100", "330200"
COUNTY_A, COUNTY_B = "330106", "330212"  # 西湖区 (Hangzhou), 鄞州区 (Ningbo)


def make_user(username: str, **extra: object):
    from littlegiant.accounts.models import User

    return User.objects.create_user(
        username=username, password=PASSWORD, email=f"{username}@example.cn", **extra
    )


def make_enterprise(name: str, county: str, body: str, industry: str = "3973", **extra: object):
    from littlegiant.enterprises.models import Enterprise

    return Enterprise.objects.create(
        credit_code=make_credit_code("91", county, body),
        name=name,
        region_id=county,
        industry_id=industry,
        founded_on=extra.pop("founded_on", date(2012, 5, 1)),
        **extra,
    )


def good_filing_values() -> dict[str, object]:
    """A manufacturing SME that is comfortably an SRDI SME under the 2022 rules."""
    return {
        "employees": 180,
        "operating_revenue": Decimal("86000000"),
        "operating_revenue_prev": Decimal("74000000"),
        "main_business_revenue": Decimal("81000000"),
        "main_business_revenue_prev": Decimal("70000000"),
        "main_business_revenue_prev2": Decimal("61000000"),
        "total_assets": Decimal("120000000"),
        "total_liabilities": Decimal("48000000"),
        "net_profit": Decimal("9100000"),
        "rd_expense": Decimal("5200000"),
        "rd_expense_prev": Decimal("4500000"),
        "rd_staff": 41,
        "equity_financing_2y": Decimal("0"),
        "equity_financing_3y": Decimal("0"),
        "niche_years": Decimal("9"),
        "national_niche_market_share": Decimal("0.06"),
        "ip_class1": 5,
        "ip_class1_self_developed": 4,
        "ip_class1_high_value": 0,
        "ip_class1_applied": 3,
        "ip_class2": 12,
        "main_product_strategic_emerging": True,
        "main_product_chain_role": "foundation_or_supplier",
        "digital_level": 2,
        "quality_provincial_award": False,
        "quality_system_certified": True,
        "own_brand": True,
        "standards_participation": False,
        "local_indicator_score": Decimal("8"),
        "rd_institution_level": "municipal",
        "innovation_honour_valid": True,
        "makers_china_top500_3y": False,
        "it_supported_core_processes": 2,
        "management_or_intl_certification": True,
        "chain_key_link": False,
        "main_product_key_field": True,
        "independent_legal_person": True,
        "listed_abnormal_or_dishonest": False,
        "restricted_industry": False,
        "incident_or_violation_3y": False,
    }


@pytest.fixture
def alpha(db):
    from littlegiant.enterprises.models import AnnualFiling

    enterprise = make_enterprise("杭州阿尔法光电科技有限公司", COUNTY_A, "MA2H7K3L")
    AnnualFiling.objects.create(enterprise=enterprise, year=2025, **good_filing_values())
    return enterprise


@pytest.fixture
def beta(db):
    from littlegiant.enterprises.models import AnnualFiling

    enterprise = make_enterprise("宁波贝塔阀门有限公司", COUNTY_B, "MA2B8C4D", industry="3443")
    AnnualFiling.objects.create(enterprise=enterprise, year=2025, **good_filing_values())
    return enterprise


@pytest.fixture
def alice(alpha):
    from littlegiant.enterprises.models import Membership

    user = make_user("alice", display_name="Alice 王")
    Membership.objects.create(user=user, enterprise=alpha, role="owner")
    return user


@pytest.fixture
def bob(beta):
    from littlegiant.enterprises.models import Membership

    user = make_user("bob", display_name="Bob 李")
    Membership.objects.create(user=user, enterprise=beta, role="owner")
    return user


def _reviewer(username: str, level: str, region: str | None):
    from littlegiant.accounts.models import ReviewerAssignment

    user = make_user(username)
    ReviewerAssignment.objects.create(user=user, level=level, region_id=region)
    return user


@pytest.fixture
def hangzhou_reviewer(db):
    return _reviewer("hangzhou_reviewer", "municipal", CITY_A)


@pytest.fixture
def ningbo_reviewer(db):
    return _reviewer("ningbo_reviewer", "municipal", CITY_B)


@pytest.fixture
def provincial_reviewer(db):
    return _reviewer("provincial_reviewer", "provincial", PROVINCE)


@pytest.fixture
def national_reviewer(db):
    return _reviewer("national_reviewer", "national", None)


@pytest.fixture
def admin(db):
    from littlegiant.accounts.models import User

    return User.objects.create_superuser(username="admin", password=PASSWORD, email="admin@example.cn")


# --- Technology transfer (tech-transfer engineer) ---------------------------------------------------------------
# - olivia: tech-transfer officer of 浙江某某理工大学 (a synthetic university in Hangzhou, Xihu district)
# - oscar: tech-transfer officer of 宁波某某材料研究所 (a synthetic research institute in Ningbo, Yinzhou district)


@pytest.fixture
def hangzhou_university(db):
    from littlegiant.techtransfer.models import ResearchInstitution

    return ResearchInstitution.objects.create(name="浙江某某理工大学", kind="university", region_id=COUNTY_A)


@pytest.fixture
def ningbo_institute(db):
    from littlegiant.techtransfer.models import ResearchInstitution

    return ResearchInstitution.objects.create(name="宁波某某材料研究所", kind="institute", region_id=COUNTY_B)


@pytest.fixture
def olivia(hangzhou_university):
    from littlegiant.techtransfer.models import TransferOfficer

    user = make_user("olivia", display_name="Olivia 陈")
    TransferOfficer.objects.create(user=user, institution=hangzhou_university)
    return user


@pytest.fixture
def oscar(ningbo_institute):
    from littlegiant.techtransfer.models import TransferOfficer

    user = make_user("oscar", display_name="Oscar 周")
    TransferOfficer.objects.create(user=user, institution=ningbo_institute)
    return user


# ---------------------------------------------------------------- service network (services engineer)
# A chain of institutions for Alpha's county: Xihu district (county) → Hangzhou (municipal) → Zhejiang (provincial)
# → the national centre, each serving investment and financing; plus Ningbo's municipal institution for Beta.
# - carol: counsellor at the Xihu county institution; dave: manager at the Hangzhou municipal institution;
#   nina: counsellor at the Ningbo municipal institution.


def make_institution(
    name: str,
    level: str,
    region: str | None,
    categories=("financing", "policy"),
    staffed: bool = True,
    **extra: object,
):
    """An institution; staffed (by a counsellor `desk<pk>`) unless told otherwise, as routing needs a person."""
    from littlegiant.services.models import InstitutionCategory, InstitutionStaff, ServiceInstitution

    institution = ServiceInstitution.objects.create(name=name, level=level, region_id=region, **extra)
    InstitutionCategory.objects.bulk_create(
        [InstitutionCategory(institution=institution, category=category) for category in categories]
    )
    if staffed:
        InstitutionStaff.objects.create(
            user=make_user(f"desk{institution.pk}"), institution=institution, role="counsellor"
        )
    return institution


@pytest.fixture
def national_centre(db):
    return make_institution("国家中小企业公共服务中心", "national", None)


@pytest.fixture
def zhejiang_centre(national_centre):
    return make_institution("浙江省中小企业公共服务中心", "provincial", PROVINCE, parent=national_centre)


@pytest.fixture
def hangzhou_centre(zhejiang_centre):
    return make_institution("杭州市中小企业服务中心", "municipal", CITY_A, parent=zhejiang_centre)


@pytest.fixture
def xihu_centre(hangzhou_centre):
    return make_institution("西湖区中小企业服务站", "county", COUNTY_A, parent=hangzhou_centre)


@pytest.fixture
def ningbo_centre(zhejiang_centre):
    return make_institution("宁波市中小企业服务中心", "municipal", CITY_B, parent=zhejiang_centre)


def _staff(username: str, institution, role: str):
    from littlegiant.services.models import InstitutionStaff

    user = make_user(username)
    InstitutionStaff.objects.create(user=user, institution=institution, role=role)
    return user


@pytest.fixture
def carol(xihu_centre):
    return _staff("carol", xihu_centre, "counsellor")


@pytest.fixture
def dave(hangzhou_centre):
    return _staff("dave", hangzhou_centre, "manager")


@pytest.fixture
def nina(ningbo_centre):
    return _staff("nina", ningbo_centre, "counsellor")


# ---------------------------------------------------------------------------------------------------------------
# Recognition: the expert pool for the little-giant national review (双随机)
# - five experts with accounts (expert_1 … expert_5) in Beijing, Guangdong and Shanghai;
# - one more in Zhejiang (excluded where experts from the enterprise's province are), one linked to Alpha.


@pytest.fixture
def expert_pool(alpha):
    from littlegiant.recognition.models import Expert

    experts = []
    for index, region in enumerate(["110000", "440000", "310000", "110000", "440000"], start=1):
        user = make_user(f"expert_{index}", display_name=f"专家{index}")
        experts.append(
            Expert.objects.create(
                user=user, name=f"专家{index}", region_id=region, email=user.email, fields="精密制造"
            )
        )
    Expert.objects.create(name="浙江专家", region_id=PROVINCE, fields="光电")
    linked = Expert.objects.create(name="阿尔法顾问", region_id="110000", fields="光电")
    linked.linked_enterprises.add(alpha)
    return experts
