"""Issue 13, done when: "the summary tables agree with a rebuild after random sequences of recognitions,
revocations and expiries (a Hypothesis state-machine test)".

Service requests are filed, answered and rated in the same sequences (by a Xihu enterprise, answered by the
Xihu station or, for digital help, by a Hangzhou centre): their tallies, counted where the answering
institution is, must equal the rebuild's too.

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
from littlegiant.dashboards.rebuild import tally_counts, title_counts
from littlegiant.figures.models import Tally, TitleCount
from littlegiant.figures.services import title_rows
from littlegiant.recognition import services
from littlegiant.recognition.models import Recognition
from littlegiant.services import services as network
from littlegiant.services.models import ServiceRequest
from tests.cast import CITY_A, COUNTY_A, COUNTY_B, make_institution
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


def _kept_tallies() -> dict[tuple, list]:
    return {
        (row.measure, row.region_id, row.key, row.year): [row.n, row.amount]
        for row in Tally.objects.filter(n__gt=0)
    }


def _desk(request: ServiceRequest):
    from littlegiant.accounts.models import User

    return User.objects.get(username=f"desk{request.institution_id}")


class Titles(RuleBasedStateMachine):
    reviewer = None
    owner = None
    enterprise = None

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

    @rule(category=st.sampled_from(["financing", "digital"]))
    def file_a_request(self, category: str) -> None:
        network.file_request(
            self.enterprise, by=self.owner, category=category, title="求助", description="说明"
        )

    @rule(pick=st.integers(min_value=0, max_value=50))
    def answer_a_request(self, pick: int) -> None:
        open_ = list(ServiceRequest.objects.filter(status="routed").order_by("pk"))
        if open_:
            request = open_[pick % len(open_)]
            network.accept(request, by=_desk(request))
            network.close(request, by=_desk(request), resolution="已办结", free_of_charge=True)

    @rule(pick=st.integers(min_value=0, max_value=50), score=st.integers(min_value=1, max_value=5))
    def rate_a_request(self, pick: int, score: int) -> None:
        closed = list(ServiceRequest.objects.filter(status="closed", rating__isnull=True).order_by("pk"))
        if closed:
            network.rate(closed[pick % len(closed)], by=self.owner, score=score)

    @invariant()
    def kept_equals_rebuilt(self) -> None:
        assert _kept() == _rebuilt()

    @invariant()
    def kept_tallies_equal_rebuilt(self) -> None:
        assert _kept_tallies() == {key: cell for key, cell in tally_counts().items() if cell[0]}

    @invariant()
    def valid_titles_equal_the_titles_valid_today(self) -> None:
        board = build_board(self.reviewer, None, day=self.day)
        for tier in TIERS:
            assert board.totals[tier] == Recognition.objects.valid_on(self.day).filter(tier=tier).count()


@pytest.mark.django_db
def test_the_kept_figures_agree_with_a_rebuild(provincial_reviewer, national_reviewer, alice, alpha):
    make_institution("西湖区服务站", "county", COUNTY_A, categories=("financing",))
    make_institution("杭州市数字化服务中心", "municipal", CITY_A, categories=("digital",))
    Titles.reviewer, Titles.owner, Titles.enterprise = provincial_reviewer, alice, alpha
    run_state_machine_as_test(
        Titles,
        settings=settings(
            max_examples=12,
            stateful_step_count=10,
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


@pytest.mark.django_db
def test_the_tally_check_can_fail(alice, alpha):
    """A rating counted at the enterprise's region instead of the institution's disagrees with the rebuild."""
    make_institution("杭州市数字化服务中心", "municipal", CITY_A, categories=("digital",))
    request = network.file_request(alpha, by=alice, category="digital", title="求助", description="说明")
    assert _kept_tallies() == {key: cell for key, cell in tally_counts().items() if cell[0]}
    Tally.objects.filter(region_id=CITY_A).update(region_id=COUNTY_A)
    assert request.institution.region_id == CITY_A
    assert _kept_tallies() != {key: cell for key, cell in tally_counts().items() if cell[0]}
