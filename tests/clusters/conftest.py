"""Clusters in the demo province (Zhejiang) for the cluster tests, built through the services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from tests.cast import COUNTY_A, COUNTY_B, _reviewer, make_enterprise, make_user
from tests.recognition.conftest import make_programme, reference_data  # noqa: F401  (a fixture)

YI = Decimal("100000000")
DECLARED_TRUE = {
    name: True
    for name in (
        "cluster_pillar_and_leading",
        "cluster_chain_collaboration",
        "cluster_collaborative_innovation",
        "cluster_digital_transformation",
        "cluster_green_development",
        "cluster_open_cooperation",
        "cluster_governance_service",
        "cluster_compliant_3y",
    )
}


@pytest.fixture(autouse=True)
def in_english(request):
    """The tests read English messages: in this thread, and in the pages the test client asks for."""
    from django.conf import settings
    from django.utils import translation

    if "client" in request.fixturenames:
        request.getfixturevalue("client").cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


def county_officer(username: str, county: str):
    from littlegiant.clusters import services
    from littlegiant.reference.models import Region

    user = make_user(username)
    services.appoint_county_authority(user, Region.objects.get(pk=county))
    return user


def make_cluster(officer, name: str, county: str = COUNTY_A, *, industry: str = "3973", good: bool = True):
    """A cluster that meets aspect 1 (50亿 → 60亿 → 75亿, 80% SME and main industry) when `good`."""
    from littlegiant.clusters import services
    from littlegiant.reference.models import IndustryClass, Region

    cluster = services.register_cluster(
        by=officer,
        name=name,
        county=Region.objects.get(pk=county),
        main_industry=IndustryClass.objects.get(pk=industry),
        area_km2=Decimal("60") if good else Decimal("140"),
    )
    last = timezone.localdate().year - 1
    for year, total in ((last - 2, 50), (last - 1, 60), (last, 75)):
        services.record_output(cluster, by=officer, year=year, total=total * YI, sme=total * YI * Decimal("0.8"),
                               main_industry=total * YI * Decimal("0.8"))  # fmt: skip
    services.declare(cluster, by=officer, declarations=DECLARED_TRUE, single_champions=1 if good else 0)
    return cluster


def give_title(enterprise, tier: str, *, valid_from: dt.date, valid_until: dt.date):
    """A title held by `enterprise`, written directly (the recognition workflow is tested on its own)."""
    from littlegiant.accounts.models import User
    from littlegiant.enterprises.models import AnnualFiling
    from littlegiant.recognition.models import (
        Application,
        Programme,
        Recognition,
        RecognitionBatch,
        ReviewStage,
    )

    by = User.objects.filter(is_superuser=False).first()
    programme, _ = Programme.objects.get_or_create(
        tier=tier, year=valid_from.year, kind="new",
        defaults={"title": f"{tier} {valid_from.year}", "applications_open_on": valid_from,
                  "applications_close_on": valid_from, "pack_id": "cn.miit.sme-size.2011"},
    )  # fmt: skip
    stage, _ = ReviewStage.objects.get_or_create(
        programme=programme,
        order=1,
        defaults={"level": "provincial", "opens_on": valid_from, "closes_on": valid_from},
    )
    filing, _ = AnnualFiling.objects.get_or_create(enterprise=enterprise, year=programme.reference_year)
    application = Application.objects.create(
        programme=programme, enterprise=enterprise, filing=filing, created_by=by, status="recognised",
        current_stage=stage,
    )  # fmt: skip
    batch = RecognitionBatch.objects.create(
        programme=programme, title="t", decided_by=by, decided_on=valid_from
    )
    return Recognition.objects.create(
        application=application, enterprise=enterprise, batch=batch, tier=tier, valid_from=valid_from,
        valid_until=valid_until, certificate_code=f"C{Recognition.objects.count():07d}",
    )  # fmt: skip


def members(count: int, *, start: int = 0, county: str = COUNTY_A, industry: str = "3973"):
    return [
        make_enterprise(f"集群成员{i:03d}", county, f"M{i:07d}", industry=industry)
        for i in range(start, start + count)
    ]


@pytest.fixture
def xihu_officer(db):
    return county_officer("xihu_officer", COUNTY_A)


@pytest.fixture
def yinzhou_officer(db):
    return county_officer("yinzhou_officer", COUNTY_B)


def cluster_programme(**extra):
    """The cluster round: the province screens and recommends (quota 8; Ningbo, a city with independent planning
    status, 2); the ministry publishes the notice and recognises."""
    from littlegiant.recognition.models import RecommendationQuota
    from littlegiant.reference.models import Region

    programme = make_programme(
        "sme_cluster",
        recommendation_quota=8,
        stages=[{"level": "provincial"}, {"level": "national", "public_notice": True, "notice_days": 5}],
        **extra,
    )
    RecommendationQuota.objects.create(programme=programme, region=Region.objects.get(pk="330200"), quota=2)
    return programme


__all__ = ["YI", "_reviewer", "cluster_programme", "county_officer", "give_title", "make_cluster", "members"]
