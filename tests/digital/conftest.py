"""Fixtures for the digital-level tests: a submitted evaluation built through the services."""

from __future__ import annotations

import pytest

from tests.digital.answers import answers


def submit_answers(enterprise, user, year: int, chosen: dict):
    """Answer every section for the enterprise and submit under the pledge, as the pages do."""
    from littlegiant.digital import services

    evaluation = services.open_evaluation(enterprise, by=user, year=year)
    full = answers(**chosen)
    for section in services.SECTIONS:
        services.save_section(evaluation, by=user, section=section, answers=full)
    return services.submit(evaluation, by=user, pledge=True)


@pytest.fixture
def submit():
    return submit_answers


def grant_title(enterprise, tier: str, *, by, valid_from, valid_until):
    """Give the enterprise a title (a recognised application, a batch, a recognition) valid over the dates."""
    import datetime as dt

    from littlegiant.digital import levels
    from littlegiant.recognition.models import (
        Application,
        Programme,
        Recognition,
        RecognitionBatch,
        ReviewStage,
    )
    from littlegiant.recognition.services import certificate_code

    programme, created = Programme.objects.get_or_create(
        tier=tier,
        year=valid_from.year,
        kind="new",
        defaults={
            "title": f"{valid_from.year} {tier}",
            "applications_open_on": valid_from - dt.timedelta(days=90),
            "applications_close_on": valid_from - dt.timedelta(days=60),
        },
    )
    if created:
        ReviewStage.objects.create(
            programme=programme,
            order=1,
            level="provincial",
            opens_on=valid_from - dt.timedelta(days=60),
            closes_on=valid_from - dt.timedelta(days=10),
        )
    filing = enterprise.filings.order_by("-year").first()
    application = Application.objects.create(
        programme=programme,
        enterprise=enterprise,
        filing=filing,
        status="recognised",
        current_stage=programme.stages.last(),
        created_by=by,
    )
    batch = RecognitionBatch.objects.create(
        programme=programme, title="batch", decided_by=by, decided_on=valid_from
    )
    recognition = Recognition.objects.create(
        application=application,
        enterprise=enterprise,
        batch=batch,
        tier=tier,
        valid_from=valid_from,
        valid_until=valid_until,
        certificate_code=certificate_code(),
    )
    # Made by hand rather than by recognition's services: the level snapshot follows as those services do it.
    levels.refresh([enterprise.pk])
    return recognition


@pytest.fixture
def little_giants(alpha, beta, alice, bob, provincial_reviewer):
    """Alpha (Hangzhou) and Beta (Ningbo) hold the little-giant title from mid-2024 to mid-2027; neither has a
    MIIT-entered level."""
    import datetime as dt

    from littlegiant.enterprises.models import AnnualFiling

    for enterprise in (alpha, beta):
        grant_title(
            enterprise,
            "little_giant",
            by=provincial_reviewer,
            valid_from=dt.date(2024, 7, 1),
            valid_until=dt.date(2027, 6, 30),
        )
    from littlegiant.digital import levels

    AnnualFiling.objects.filter(enterprise__in=[alpha, beta]).update(digital_level=None)
    levels.refresh([alpha.pk, beta.pk])
    return alpha, beta
