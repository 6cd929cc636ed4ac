"""Dynamic management: yearly updates by 30 April, change reports within three months, revocation."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from littlegiant.recognition import services
from littlegiant.recognition.models import Recognition, RecognitionBatch
from tests.recognition.conftest import make_programme


@pytest.fixture
def title(alpha, alice, provincial_reviewer):
    """Last year's SRDI title of Alpha, recognised by the province."""
    from littlegiant.recognition.models import Application

    today = timezone.localdate()
    last_year = make_programme("srdi_sme", title="past")
    last_year.year = today.year - 1
    last_year.save()
    application = Application.objects.create(
        programme=last_year,
        enterprise=alpha,
        filing=alpha.filings.get(),
        status="recognised",
        current_stage=last_year.stages.last(),
        created_by=alice,
    )
    batch = RecognitionBatch.objects.create(
        programme=last_year,
        title="2025年第一批",
        decided_by=provincial_reviewer,
        decided_on=dt.date(today.year - 1, 7, 1),
    )
    return Recognition.objects.create(
        application=application,
        enterprise=alpha,
        batch=batch,
        tier="srdi_sme",
        valid_from=dt.date(today.year - 1, 7, 1),
        valid_until=dt.date(today.year + 2, 6, 30),
        certificate_code=services.certificate_code(),
    )


def test_a_missed_annual_update_loses_review_eligibility(title):
    year = timezone.localdate().year
    assert services.flag_missed_annual_updates(today=dt.date(year, 4, 30)) == 0
    assert services.flag_missed_annual_updates(today=dt.date(year, 5, 1)) == 1
    title.refresh_from_db()
    assert not title.review_eligible
    assert "30" in title.eligibility_note


def test_a_confirmed_update_keeps_eligibility(title, alice):
    year = timezone.localdate().year
    services.confirm_annual_update(title, by=alice, year=year)
    assert services.flag_missed_annual_updates(today=dt.date(year, 5, 1)) == 0


def test_a_change_reported_after_three_months_loses_review_eligibility(title, alice):
    occurred = timezone.localdate() - dt.timedelta(days=120)
    report = services.report_change(title, by=alice, kind="rename", occurred_on=occurred, description="更名")
    title.refresh_from_db()
    assert report.late and not title.review_eligible


def test_revocation_for_falsified_data_blocks_reapplying_for_three_years(
    title, alice, alpha, provincial_reviewer
):
    services.revoke(title, by=provincial_reviewer, cause="data_falsification", comment="研发费用造假")
    title.refresh_from_db()
    assert title.reapply_blocked_until == services._add_years(timezone.localdate(), 3)
    programme = make_programme("srdi_sme")
    with pytest.raises(PermissionDenied, match="may not apply again"):
        services.start_application(programme, alpha, by=alice)


def test_a_city_reviewer_cannot_revoke_a_provincial_title(title, hangzhou_reviewer):
    with pytest.raises(PermissionDenied, match="recognising level"):
        services.revoke(title, by=hangzhou_reviewer, cause="tax_evasion", comment="x")


def test_an_ineligible_change_revokes_without_a_bar(title, alice, provincial_reviewer):
    report = services.report_change(
        title, by=alice, kind="relocation", occurred_on=timezone.localdate(), description="迁往江苏"
    )
    services.assess_change(report, by=provincial_reviewer, still_eligible=False, assessment="已迁出浙江")
    title.refresh_from_db()
    assert title.revoked_at is not None and title.reapply_blocked_until is None
