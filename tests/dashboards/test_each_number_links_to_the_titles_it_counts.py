"""Issue 13, third session: every number of the title figures links to the permission-scoped list behind it —
by region and tier, section, size class, year and event (recognised, revoked), batch — and the list holds
exactly that many titles; the filtered list downloads as CSV and XLSX.

Five titles granted in Hangzhou and Ningbo, one revoked (the hand-count fixture of
test_every_figure_equals_a_hand_computed_count.py)."""

import csv
import io
from urllib.parse import parse_qs, urlparse

import pytest
from django.test import Client

from littlegiant.dashboards.board import build_board
from littlegiant.recognition import services
from littlegiant.recognition.models import Recognition
from littlegiant.reference.models import Region
from tests.cast import COUNTY_A, COUNTY_B
from tests.dashboards.conftest import recognise_waiting, waiting_title

FIGURES = (
    "titles_by_region",
    "titles_by_section",
    "titles_by_size",
    "events_by_year",
    "recognitions_by_batch",
)


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


def _listed(client, link: str) -> int:
    response = client.get(link)
    assert response.status_code == 200, link
    return len(response.context["page"].rows)


def test_every_linked_number_is_the_length_of_its_list(titles, provincial_reviewer):
    client = Client()
    client.force_login(provincial_reviewer)
    board = build_board(provincial_reviewer, Region.objects.get(code="330000"))
    checked = set()
    for key in FIGURES:
        for cells, row_link in board.figures[key].table():
            for value, link in cells[1:]:
                if link and isinstance(value, int):
                    assert _listed(client, link) == value, (key, link)
                    checked.add(key)
            if key == "recognitions_by_batch":
                assert _listed(client, row_link) == cells[-1][0], row_link
                checked.add(key)
    assert checked == set(FIGURES)


def test_the_size_figure_links_by_size_class(titles, provincial_reviewer):
    board = build_board(provincial_reviewer, Region.objects.get(code="330000"))
    links = [parse_qs(urlparse(link).query) for link in board.figures["titles_by_size"].links]
    assert [query["size"] for query in links] == [["medium"], ["small"], ["micro"]]


def test_the_revocations_of_a_year_list_the_revoked_title(titles, provincial_reviewer):
    client = Client()
    client.force_login(provincial_reviewer)
    year = Recognition.objects.get(revoked_at__isnull=False).revoked_at.year
    response = client.get(f"/dashboards/titles/?year={year}&event=revoked")
    assert [title.revoked_at is not None for title in response.context["page"].rows] == [True]


def test_the_filtered_list_downloads(titles, provincial_reviewer):
    client = Client()
    client.force_login(provincial_reviewer)
    response = client.get("/dashboards/titles/?tier=srdi_sme&size=small&format=csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert len(rows) == 1 + 2  # header and the two small SRDI SMEs
    xlsx = client.get("/dashboards/titles/?tier=srdi_sme&size=small&format=xlsx")
    assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_another_city_sees_none_of_them(titles, ningbo_reviewer):
    client = Client()
    client.force_login(ningbo_reviewer)
    response = client.get("/dashboards/titles/?region=330100&size=small")
    assert response.status_code in (403, 404) or not response.context["page"].rows
