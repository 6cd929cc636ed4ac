"""Titles for the dashboard tests: applications waiting at the recognising stage, recognised and revoked
through the recognition services (so the summary tables are kept as in production)."""

from __future__ import annotations

import itertools

import pytest
from django.utils import timezone

from tests.cast import make_enterprise
from tests.recognition.conftest import make_programme

_serial = itertools.count(1)
SIZE_PACK = "cn.miit.sme-size.2011"


def programme_of(tier: str):
    """This year's programme of a tier (one per tier and year), recognised by the province."""
    from littlegiant.recognition.models import Programme

    existing = Programme.objects.filter(tier=tier, year=timezone.localdate().year, kind="new").first()
    return existing or make_programme(tier, stages=[{"level": "municipal"}, {"level": "provincial"}])


def waiting_title(tier: str, *, county: str, industry: str = "3973", size: str = "small", by=None):
    """A new enterprise's application of `tier`, passed and waiting for the provincial recognition decision."""
    from littlegiant.accounts.models import User
    from littlegiant.enterprises.models import AnnualFiling
    from littlegiant.recognition.models import Application, ApplicationVersion

    programme = programme_of(tier)
    number = next(_serial)
    creator = (
        by or User.objects.filter(is_superuser=False).first() or User.objects.create_user(f"maker{number}")
    )
    enterprise = make_enterprise(f"仪表企业{number:05d}", county, f"D{number:07d}", industry=industry)
    filing = AnnualFiling.objects.create(enterprise=enterprise, year=programme.reference_year, employees=50)
    application = Application.objects.create(
        programme=programme,
        enterprise=enterprise,
        filing=filing,
        status="passed",
        current_stage=programme.stages.order_by("order").last(),
        created_by=creator,
        submitted_at=timezone.now(),
        outcome="qualified",
        version=1,
    )
    ApplicationVersion.objects.create(
        application=application,
        number=1,
        filing_year=filing.year,
        values={"industry_code": industry, "employees": 50},
        evidence=[],
        explanations={programme.pack_id: {"outcome": "qualified"}, SIZE_PACK: {"outcome": size}},
        pack_id=programme.pack_id,
        submitted_by=creator,
        submitted_at=timezone.now(),
    )
    return application


def recognise_waiting(tier: str, reviewer):
    """The provincial reviewer recognises every waiting application of the tier (one batch)."""
    from littlegiant.recognition import services

    return services.recognise(programme_of(tier), by=reviewer)


@pytest.fixture(autouse=True)
def in_english():
    """Figures built in a test are labelled in English; pages (the client) still negotiate their own language."""
    from django.utils import translation

    with translation.override("en"):
        yield
