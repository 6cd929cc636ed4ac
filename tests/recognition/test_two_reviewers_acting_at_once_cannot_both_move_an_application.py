"""Two reviewers deciding on the same application at once: the second sees the new state and is refused."""

import threading

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection, connections

from littlegiant.accounts.models import ReviewerAssignment
from littlegiant.recognition import services
from littlegiant.recognition.models import Application, ApplicationStatus, Event
from tests.cast import CITY_A, make_user


@pytest.fixture
def second_hangzhou_reviewer(db):
    user = make_user("hangzhou_reviewer_2")
    ReviewerAssignment.objects.create(user=user, level="municipal", region_id=CITY_A)
    return user


def test_a_decision_on_a_stale_page_is_refused(submitted, hangzhou_reviewer, second_hangzhou_reviewer):
    stale = Application.objects.get(pk=submitted.pk)
    services.pass_stage(submitted, by=hangzhou_reviewer)
    with pytest.raises(services.StaleApplication, match="changed while you were looking"):
        services.return_for_correction(stale, by=second_hangzhou_reviewer, note="fix the revenue")
    submitted.refresh_from_db()
    assert submitted.status == ApplicationStatus.STAGE_PASSED
    assert not Event.objects.filter(application=submitted, action="return").exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="real row locks need PostgreSQL")
def test_two_threads_move_it_once(
    reference_data, srdi_programme, alice, alpha, hangzhou_reviewer, second_hangzhou_reviewer
):
    application = services.submit(
        services.start_application(srdi_programme, alpha, by=alice), by=alice, pledge=True
    )
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def decide(reviewer, action):
        try:
            barrier.wait()
            stale = Application.objects.get(pk=application.pk)
            if action == "pass":
                services.pass_stage(stale, by=reviewer, expected_version=application.version)
            else:
                services.return_for_correction(
                    stale, by=reviewer, note="fix", expected_version=application.version
                )
            outcomes.append("done")
        except PermissionDenied as refusal:
            outcomes.append(f"refused: {refusal}")
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=decide, args=(hangzhou_reviewer, "pass")),
        threading.Thread(target=decide, args=(second_hangzhou_reviewer, "return")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcome.split(":")[0] for outcome in outcomes) == ["done", "refused"]
    assert Event.objects.filter(application=application, action__in=["pass", "return"]).count() == 1
