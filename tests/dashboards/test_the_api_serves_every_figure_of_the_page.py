"""Issue 13: "API (django-ninja) for every figure".

The API answers a region's board with the same figures, rows and totals as the page, one figure by key, and
404 for a figure that does not exist."""

import pytest
from django.test import Client

from tests.cast import COUNTY_A, COUNTY_B
from tests.dashboards.conftest import recognise_waiting, waiting_title


@pytest.fixture
def client(provincial_reviewer):
    waiting_title("srdi_sme", county=COUNTY_A)
    waiting_title("little_giant", county=COUNTY_B)
    recognise_waiting("srdi_sme", provincial_reviewer)
    recognise_waiting("little_giant", provincial_reviewer)
    client = Client()
    client.force_login(provincial_reviewer)
    return client


def test_the_board_has_every_figure_of_the_page(client):
    page = client.get("/dashboards/regions/330000/").context["board"]
    answer = client.get("/api/dashboards/regions/330000").json()
    assert [figure["key"] for figure in answer["figures"]] == list(page.figures)
    assert answer["totals"]["srdi_sme"] == page.totals["srdi_sme"] == 1
    assert answer["totals"]["little_giant"] == 1
    by_key = {figure["key"]: figure for figure in answer["figures"]}
    assert by_key["funnel"]["rows"][2:] == [row for row in page.figures["funnel"].rows][2:]


def test_one_figure_by_key(client):
    answer = client.get("/api/dashboards/regions/330100/figures/titles_by_region").json()
    assert ["西湖区", 0, 1, 0] in answer["rows"]
    assert client.get("/api/dashboards/regions/330100/figures/no_such").status_code == 404


def test_the_own_board(client):
    assert client.get("/api/dashboards/").json()["region"] == "330000"
