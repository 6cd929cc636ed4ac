"""The queue reads the application's own copy of its stage level and region, which follows every move."""

from littlegiant.recognition.forms import QueueFilterForm
from littlegiant.recognition.models import Application
from littlegiant.recognition.queue import queue_queryset
from tests.recognition.conftest import through_the_city_stage


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
    through_the_city_stage(submitted, hangzhou_reviewer)
    assert submitted.stage_level == "provincial"
    assert _queue(hangzhou_reviewer) == []
    assert _queue(provincial_reviewer) == [submitted]
