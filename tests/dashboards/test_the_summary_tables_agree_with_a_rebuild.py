"""Issue 13, done when: "the summary tables agree with a rebuild after random sequences of recognitions,
revocations and expiries (a Hypothesis state-machine test)".

Recognitions and revocations go through the recognition services, which keep the summary tables in their
own transaction; an expiry is the calendar moving on. After every step the kept table must equal the one the
rebuild counts from the titles, and the board's valid titles must equal an independent count of the titles
valid on that day."""

import datetime as dt

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from littlegiant.dashboards.board import build_board
from littlegiant.dashboards.rebuild import title_counts
from littlegiant.figures.models import TitleCount
from littlegiant.figures.services import title_rows
from littlegiant.recognition import services
from littlegiant.recognition.models import Recognition
from tests.cast import COUNTY_A, COUNTY_B
from tests.dashboards.conftest import recognise_waiting, waiting_title

TIERS = ("innovative_sme", "srdi_sme", "little_giant")


FIELDS = ("grain", "region_id", "section", "size_class", "tier", "batch_id", "batch_year", "valid_from",
          "valid_until", "revoked_year")  # fmt: skip


def _kept() -> dict[tuple, int]:
    """The kept summary rows that count something, by their whole key."""
    return {tuple(row[:-1]): row[-1] for row in TitleCount.objects.filter(n__gt=0).values_list(*FIELDS, "n")}


def _rebuilt() -> dict[tuple, int]:
    """The rows the rebuild would write, from the titles themselves."""
    rows: dict[tuple, int] = {}
    for (key, year), n in title_counts().items():
        for row in title_rows(key, year):
            whole = tuple(row[name] for name in FIELDS)
            rows[whole] = rows.get(whole, 0) + n
    return {key: n for key, n in rows.items() if n}


class Titles(RuleBasedStateMachine):
    reviewer = None

    def __init__(self) -> None:
        super().__init__()
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        self.day = timezone.localdate()

    def teardown(self) -> None:
        transaction.set_rollback(True)
        self.atomic.__exit__(None, None, None)

    @rule(
        tier=st.sampled_from(TIERS),
        county=st.sampled_from([COUNTY_A, COUNTY_B]),
        industry=st.sampled_from(["3973", "6513", "3443"]),
        size=st.sampled_from(["small", "medium", "micro", "unknown"]),
    )
    def recognise(self, tier: str, county: str, industry: str, size: str) -> None:
        waiting_title(tier, county=county, industry=industry, size=size)
        recognise_waiting(tier, self.reviewer)

    @rule(pick=st.integers(min_value=0, max_value=50))
    def revoke(self, pick: int) -> None:
        held = list(Recognition.objects.filter(revoked_at__isnull=True).order_by("pk"))
        if held:
            title = held[pick % len(held)]
            services.revoke(title, by=self.reviewer, cause="report_confirmed", comment="查实")

    @rule(days=st.integers(min_value=1, max_value=1200))
    def time_passes(self, days: int) -> None:
        self.day += dt.timedelta(days=days)

    @invariant()
    def kept_equals_rebuilt(self) -> None:
        assert _kept() == _rebuilt()

    @invariant()
    def valid_titles_equal_the_titles_valid_today(self) -> None:
        board = build_board(self.reviewer, None, day=self.day)
        for tier in TIERS:
            assert board.totals[tier] == Recognition.objects.valid_on(self.day).filter(tier=tier).count()


@pytest.mark.django_db
def test_the_kept_figures_agree_with_a_rebuild(provincial_reviewer, national_reviewer):
    Titles.reviewer = provincial_reviewer
    run_state_machine_as_test(
        Titles,
        settings=settings(
            max_examples=12,
            stateful_step_count=8,
            deadline=None,
            suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        ),
    )


@pytest.mark.django_db
def test_the_check_can_fail(provincial_reviewer):
    """A title written behind the services' back makes the kept table disagree with the rebuild."""
    waiting_title("srdi_sme", county=COUNTY_A)
    recognise_waiting("srdi_sme", provincial_reviewer)
    TitleCount.objects.update(n=2)
    assert _kept() != _rebuilt()
