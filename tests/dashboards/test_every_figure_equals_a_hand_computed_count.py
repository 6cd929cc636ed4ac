"""Issue 13, done when: "every dashboard figure equals a hand-computed count on small fixtures".

Five titles granted through the recognition service in Hangzhou and Ningbo, one revoked: the province's board
must show exactly the counts worked out by hand below, today and after the titles have expired."""

import datetime as dt

import pytest
from django.utils import timezone

from littlegiant.dashboards.board import build_board
from littlegiant.figures.services import refresh_registry
from littlegiant.recognition import services
from littlegiant.recognition.models import Recognition
from littlegiant.reference.models import Region
from tests.cast import COUNTY_A, COUNTY_B
from tests.dashboards.conftest import recognise_waiting, waiting_title


@pytest.fixture
def titles(provincial_reviewer):
    waiting_title("srdi_sme", county=COUNTY_A, industry="3973", size="small")
    revoked = waiting_title("srdi_sme", county=COUNTY_A, industry="6513", size="medium")
    waiting_title("innovative_sme", county=COUNTY_A, industry="3973", size="micro")
    waiting_title("srdi_sme", county=COUNTY_B, industry="3443", size="small")
    waiting_title("little_giant", county=COUNTY_B, industry="3443", size="medium")
    for tier in ("srdi_sme", "innovative_sme", "little_giant"):
        recognise_waiting(tier, provincial_reviewer)
    title = Recognition.objects.get(application=revoked)
    services.revoke(title, by=provincial_reviewer, cause="data_falsification", comment="核实造假")
    refresh_registry()


def _rows(board, key):
    return {row[0]: row[1:] for row in board.figures[key].rows}


def test_titles_by_city_tier_section_and_size(titles, provincial_reviewer):
    board = build_board(provincial_reviewer, Region.objects.get(code="330000"))
    by_city = _rows(board, "titles_by_region")
    assert by_city["杭州市"] == [1, 1, 0]  # innovative, SRDI, little giant
    assert by_city["宁波市"] == [0, 1, 1]
    assert sum(sum(row) for name, row in by_city.items() if name not in ("杭州市", "宁波市")) == 0
    by_section = {name[0]: row for name, row in _rows(board, "titles_by_section").items()}
    assert by_section == {"C": [1, 2, 1]}  # the software (I) title was revoked
    by_size = _rows(board, "titles_by_size")
    assert by_size == {"Small": [0, 2, 0], "Medium": [0, 0, 1], "Micro": [1, 0, 0]}


def test_the_funnel_and_the_events(titles, provincial_reviewer):
    from littlegiant.enterprises.models import Enterprise

    board = build_board(provincial_reviewer, Region.objects.get(code="330000"))
    funnel = [row[1] for row in board.figures["funnel"].rows]
    assert funnel == [Enterprise.objects.filter(region__path__startswith="330000/").count(), 1, 2, 1]
    year = timezone.localdate().year
    assert _rows(board, "events_by_year") == {year: [5, 1, 0]}  # recognised, revoked, expired


def test_titles_expire_by_their_dates(titles, provincial_reviewer):
    later = timezone.localdate() + dt.timedelta(days=3 * 366 + 1)
    board = build_board(provincial_reviewer, Region.objects.get(code="330000"), day=later)
    assert [board.totals[tier] for tier in ("innovative_sme", "srdi_sme", "little_giant")] == [0, 0, 0]
    events = _rows(board, "events_by_year")
    expired_year = Recognition.objects.filter(revoked_at__isnull=True).first().valid_until.year
    assert events[expired_year][2] == 4


def test_a_city_board_counts_its_counties(titles, hangzhou_reviewer):
    board = build_board(hangzhou_reviewer, Region.objects.get(code="330100"))
    assert _rows(board, "titles_by_region")["西湖区"] == [1, 1, 0]
    assert board.totals["srdi_sme"] == 1
