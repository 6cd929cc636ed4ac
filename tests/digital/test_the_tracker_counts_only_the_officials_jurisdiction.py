"""Decision D18: "Counted as digital level ≥ 2 ...; the tracker shows the share of little giants at or above it by
region and year, against 100% in 2027" — for officials, scoped to their jurisdiction."""

import datetime as dt

from django.urls import reverse

from littlegiant.digital import tracker
from tests.cast import PASSWORD
from tests.digital.answers import SIXTY, TWENTY

TODAY = dt.date(2026, 12, 3)


def test_a_hangzhou_official_counts_hangzhou_only(
    little_giants, alice, bob, hangzhou_reviewer, submit
) -> None:
    alpha, beta = little_giants
    submit(alpha, alice, 2025, SIXTY)  # level 3 (provisional)
    submit(beta, bob, 2025, SIXTY)
    board = tracker.build(hangzhou_reviewer, today=TODAY)
    assert board.totals[2025].total == 1
    assert board.totals[2025].at_goal == 1
    assert board.totals[2024].total == 1 and board.totals[2024].at_goal == 0  # no 2024 result: not counted


def test_a_provincial_official_sees_both_cities_and_the_path(
    little_giants, alice, bob, provincial_reviewer, submit
):
    alpha, beta = little_giants
    submit(alpha, alice, 2025, SIXTY)
    submit(beta, bob, 2025, TWENTY)  # level 1: not at the goal
    board = tracker.build(provincial_reviewer, today=TODAY)
    assert board.totals[2025].total == 2 and board.totals[2025].at_goal == 1
    assert board.totals[2025].share == 50.0
    assert {row.code for row in board.rows} == {"330100", "330200"}
    assert board.path[-1] == {"year": 2027, "share": None, "needed": 100.0}
    laggards = list(
        tracker.not_there_yet(provincial_reviewer, tier="little_giant", year=2025, focus=board.focus)
    )
    assert [(e.enterprise_id, e.level, e.weakest_dimension) for e in laggards] == [(beta.pk, 1, "management")]


def test_an_enterprise_owner_may_not_open_the_tracker(client, alice) -> None:
    client.login(username="alice", password=PASSWORD)
    assert client.get(reverse("digital:tracker")).status_code == 403
