"""The application's status graph is one table (`models.TRANSITIONS`), and the services' one move consults it:
every edge of the table is taken, every other (status, action) pair is refused and leaves the row as it was."""

from __future__ import annotations

import itertools

import pytest

from littlegiant.recognition import services
from littlegiant.recognition.models import (
    TRANSITIONS,
    Application,
    ApplicationAction,
    ApplicationStatus,
    transition_target,
)
from littlegiant.recognition.services._steps import _move

EVERY_PAIR = list(itertools.product(ApplicationStatus.values, ApplicationAction.values))


def test_the_table_names_only_known_statuses_and_actions():
    for (status, action), target in TRANSITIONS.items():
        assert status in ApplicationStatus.values
        assert action in ApplicationAction.values
        assert target in ApplicationStatus.values


def test_every_status_but_the_final_ones_can_be_left_and_every_status_but_draft_reached():
    leaving = {status for status, _action in TRANSITIONS}
    reached = set(TRANSITIONS.values())
    assert set(ApplicationStatus.values) - leaving == {
        ApplicationStatus.REJECTED,
        ApplicationStatus.RECOGNISED,
    }
    assert set(ApplicationStatus.values) - reached == {ApplicationStatus.DRAFT}


@pytest.mark.django_db
def test_the_move_follows_the_table_for_every_status_and_action(submitted):
    # One application, put in each status in turn (a reason is set so that a rejected row meets its check
    # constraint), then moved by each action.
    taken = refused = 0
    for status, action in EVERY_PAIR:
        Application.objects.filter(pk=submitted.pk).update(status=status, rejection_reason="other")
        application = Application.objects.select_related("enterprise__region", "current_stage").get(
            pk=submitted.pk
        )
        version = application.version
        target = transition_target(status, action)
        if target is None:
            with pytest.raises(services.InvalidTransition):
                _move(application, action=action)
            application.refresh_from_db()
            assert (application.status, application.version) == (status, version), (status, action)
            refused += 1
        else:
            _move(application, action=action)
            application.refresh_from_db()
            assert (application.status, application.version) == (target, version + 1), (status, action)
            taken += 1
    assert taken == len(TRANSITIONS)
    assert taken + refused == len(ApplicationStatus.values) * len(ApplicationAction.values)


def test_the_graph_has_the_edges_the_process_needs():
    # Spot-check a few edges by name, so that a table emptied by mistake is caught by more than the walk.
    assert transition_target(ApplicationStatus.DRAFT, ApplicationAction.SUBMIT) == ApplicationStatus.IN_REVIEW
    assert transition_target(ApplicationStatus.PASSED, ApplicationAction.RETURN) is None
    assert (
        transition_target(ApplicationStatus.PASSED, ApplicationAction.RECOGNISE)
        == ApplicationStatus.RECOGNISED
    )
    assert transition_target(ApplicationStatus.RECOGNISED, ApplicationAction.REJECT) is None
