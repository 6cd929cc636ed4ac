"""Demo data: 1,780 synthetic institutions, 84% of cities covered, county gaps in Zhejiang."""

from __future__ import annotations

import random

from littlegiant.reference.models import Region
from littlegiant.services.coverage import coverage_of
from littlegiant.services.demo import build, build_network
from littlegiant.services.models import InstitutionStaff, ServiceInstitution, ServiceRequest


def test_the_roll_up_has_1780_synthetic_institutions_covering_84_percent_of_cities(db):
    build_network(random.Random(7), log=lambda message: None)
    assert ServiceInstitution.objects.count() == 1780
    assert not ServiceInstitution.objects.filter(is_synthetic=False).exists()
    total = coverage_of(None).total
    # 84% of 333 cities is 279.72: 280 cities are covered, 84.1%, which is the reported 84% when rounded.
    assert (total.prefectures_covered, total.prefectures) == (280, 333)
    assert round(total.prefecture_share) == 84
    zhejiang = coverage_of(Region.objects.get(code="330000"))
    assert zhejiang.total.prefectures_covered == zhejiang.total.prefectures == 11
    assert 0 < zhejiang.total.counties_covered < zhejiang.total.counties
    assert zhejiang.uncovered_counties
    for institution in ServiceInstitution.objects.select_related("region", "parent__region")[:200]:
        institution.full_clean()


def test_the_demo_build_makes_staff_accounts_and_months_of_history(alpha, beta, shorter_demo_history):
    accounts = build(seed=11, log=lambda message: None)
    assert [account.username for account in accounts] == ["service_county", "service_city"]
    county = InstitutionStaff.objects.get(user__username="service_county").institution
    assert county.region_id == "330106" and county.categories.filter(category="financing").exists()
    assert ServiceRequest.objects.count() == shorter_demo_history
    assert ServiceRequest.objects.filter(status="closed").exists()
    assert ServiceRequest.objects.filter(status="accepted").exists()
