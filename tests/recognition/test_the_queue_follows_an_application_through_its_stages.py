"""The queue reads the application's own copy of its stage level and region, which follows every move."""

from littlegiant.recognition import services
from littlegiant.recognition.forms import QueueFilterForm
from littlegiant.recognition.models import Application
from littlegiant.recognition.views import queue_queryset


def _queue(user) -> list[Application]:
    form = QueueFilterForm({})
    return list(queue_queryset(user, form))


def test_a_submitted_application_carries_its_stage_level_and_region(submitted, alpha):
    submitted.refresh_from_db()
    assert submitted.stage_level == "municipal"
    assert submitted.region_path == alpha.region.path


def test_it_leaves_the_city_queue_for_the_provincial_one(
    submitted, hangzhou_reviewer, ningbo_reviewer, provincial_reviewer
):
    assert _queue(hangzhou_reviewer) == [submitted]
    assert _queue(ningbo_reviewer) == []
    assert _queue(provincial_reviewer) == []
    services.pass_stage(submitted, by=hangzhou_reviewer)
    submitted.refresh_from_db()
    services.draw_spot_checks(submitted.current_stage, by=hangzhou_reviewer, sample_size=1, seed=1)
    check = submitted.spot_checks.get()
    services.record_spot_check(check, by=hangzhou_reviewer, result="consistent", findings="ok")
    notice = services.publish_notice(submitted.current_stage, by=hangzhou_reviewer)
    notice.starts_on = notice.ends_on = notice.starts_on.replace(year=notice.starts_on.year - 1)
    notice.save()
    services.conclude_notice(notice, by=hangzhou_reviewer)
    submitted.refresh_from_db()
    assert submitted.stage_level == "provincial"
    assert _queue(hangzhou_reviewer) == []
    assert _queue(provincial_reviewer) == [submitted]
