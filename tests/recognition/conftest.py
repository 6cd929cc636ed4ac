"""Programmes and applications for the recognition tests, built on the cast (tests/cast.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tests.cast import make_enterprise


def make_programme(
    tier: str = "srdi_sme", *, kind: str = "new", stages: list[dict] | None = None, **extra: object
):
    """A programme open today, with its stages (by default: the city spot-checks and publishes, the province
    recognises)."""
    from littlegiant.recognition.models import Programme, ReviewStage

    today = timezone.localdate()
    programme = Programme.objects.create(
        tier=tier,
        year=today.year,
        kind=kind,
        title=extra.pop("title", f"{today.year} {tier} {kind}"),
        applications_open_on=today - dt.timedelta(days=30),
        applications_close_on=today + dt.timedelta(days=30),
        **extra,
    )
    stages = stages or [
        {"level": "municipal", "spot_check": True, "public_notice": True, "notice_days": 5},
        {"level": "provincial"},
    ]
    for order, stage in enumerate(stages, start=1):
        ReviewStage.objects.create(
            programme=programme,
            order=order,
            opens_on=today - dt.timedelta(days=30),
            closes_on=today + dt.timedelta(days=90),
            **stage,
        )
    return programme


def through_the_city_stage(application, reviewer) -> None:
    """Take a submitted application through the default city stage (pass, one consistent spot check, a public
    notice that has run its course) so that it waits at the province."""
    from littlegiant.recognition import services

    services.pass_stage(application, by=reviewer)
    application.refresh_from_db()
    services.draw_spot_checks(application.current_stage, by=reviewer, sample_size=1, seed=1)
    check = application.spot_checks.get()
    services.record_spot_check(check, by=reviewer, result="consistent", findings="ok")
    notice = services.publish_notice(application.current_stage, by=reviewer)
    notice.starts_on = notice.ends_on = notice.starts_on.replace(year=notice.starts_on.year - 1)
    notice.save()
    services.conclude_notice(notice, by=reviewer)
    application.refresh_from_db()


@pytest.fixture
def srdi_programme(db):
    return make_programme("srdi_sme")


@pytest.fixture
def little_giant_programme(db):
    return make_programme(
        "little_giant",
        stages=[
            {"level": "municipal"},
            {"level": "provincial"},
            {
                "level": "national",
                "expert_review": True,
                "expert_count": 3,
                "exclude_same_province_experts": True,
            },
        ],
    )


@pytest.fixture
def draft(srdi_programme, alice, alpha):
    from littlegiant.recognition import services

    return services.start_application(srdi_programme, alpha, by=alice)


@pytest.fixture
def submitted(draft, alice):
    from littlegiant.recognition import services

    return services.submit(draft, by=alice, pledge=True)


def bulk_applications(programme, count: int, *, region: str = "330106", status: str = "in_review"):
    """Many submitted applications at the first stage, written directly (no engine run), for query counts."""
    from littlegiant.accounts.models import User
    from littlegiant.enterprises.models import AnnualFiling
    from littlegiant.recognition.models import Application, ApplicationVersion

    stage = programme.stages.order_by("order").first()
    creator = User.objects.filter(is_superuser=False).first() or User.objects.create_user("bulk")
    from littlegiant.enterprises.models import Enterprise

    first = Enterprise.objects.count()
    made = []
    for index in range(first, first + count):
        enterprise = make_enterprise(f"批量企业{index:05d}", region, f"B{index:07d}")
        filing = AnnualFiling.objects.create(
            enterprise=enterprise, year=programme.reference_year, employees=50
        )
        application = Application.objects.create(
            programme=programme,
            enterprise=enterprise,
            filing=filing,
            status=status,
            current_stage=stage,
            created_by=creator,
            submitted_at=timezone.now(),
            outcome="qualified",
            score=70,
            version=1,
        )
        ApplicationVersion.objects.create(
            application=application,
            number=1,
            filing_year=filing.year,
            values={"employees": 50},
            evidence=[],
            explanations={programme.pack_id: {"outcome": "qualified", "score": 70, "criteria": []}},
            pack_id=programme.pack_id,
            submitted_by=creator,
            submitted_at=timezone.now(),
        )
        made.append(application)
    return made


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture(autouse=True)
def in_english():
    """Service refusals are asserted on in English; pages (the client) still negotiate their own language."""
    from django.utils import translation

    with translation.override("en"):
        yield


def ensure_reference_data() -> None:
    """Reload the reference tables if a transactional test before this one flushed them (they come from a
    migration, which a flush does not replay)."""
    from django.apps import apps

    from littlegiant.reference.loading import load_all
    from littlegiant.reference.models import Region

    if not Region.objects.exists():
        load_all(apps)


@pytest.fixture
def reference_data(transactional_db):
    """For transactional tests: the reference tables, reloaded if an earlier one flushed them."""
    ensure_reference_data()
