"""The demo's clock control: in the demo, the reviewer of a running notice can move its period so that it ended
yesterday (recorded in the history) and then conclude it today; outside the demo the control is refused and the
page does not offer it."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import override_settings
from django.utils import timezone

from littlegiant.recognition import services
from littlegiant.recognition.models import ApplicationStatus
from tests.cast import PASSWORD


@pytest.fixture
def running_notice(submitted, hangzhou_reviewer):
    services.pass_stage(submitted, by=hangzhou_reviewer)
    submitted.refresh_from_db()
    services.draw_spot_checks(submitted.current_stage, by=hangzhou_reviewer, sample_size=1, seed=1)
    services.record_spot_check(
        submitted.spot_checks.get(), by=hangzhou_reviewer, result="consistent", findings="ok"
    )
    return services.publish_notice(submitted.current_stage, by=hangzhou_reviewer)


@override_settings(DEMO=True)
def test_in_the_demo_the_notice_ends_yesterday_and_concludes_today(
    running_notice, hangzhou_reviewer, submitted
):
    length = running_notice.ends_on - running_notice.starts_on
    with pytest.raises(PermissionDenied):
        services.conclude_notice(running_notice, by=hangzhou_reviewer)
    notice = services.end_notice_period_for_demo(running_notice, by=hangzhou_reviewer)
    assert notice.ends_on == timezone.localdate() - timezone.timedelta(days=1)
    assert notice.ends_on - notice.starts_on == length
    assert notice.events.filter(action="demo_clock").exists()
    services.conclude_notice(notice, by=hangzhou_reviewer)
    submitted.refresh_from_db()
    assert submitted.status == ApplicationStatus.IN_REVIEW
    assert submitted.current_stage.level == "provincial"


@override_settings(DEMO=True)
def test_another_city_cannot_move_the_notice(running_notice, ningbo_reviewer):
    with pytest.raises(PermissionDenied):
        services.end_notice_period_for_demo(running_notice, by=ningbo_reviewer)


@override_settings(DEMO=False)
def test_outside_the_demo_it_is_refused_and_not_offered(client, running_notice, hangzhou_reviewer):
    with pytest.raises(PermissionDenied):
        services.end_notice_period_for_demo(running_notice, by=hangzhou_reviewer)
    client.login(username="hangzhou_reviewer", password=PASSWORD)
    page = client.get(f"/recognition/notices/{running_notice.pk}/manage/").content.decode()
    assert "demo-end-notice" not in page
