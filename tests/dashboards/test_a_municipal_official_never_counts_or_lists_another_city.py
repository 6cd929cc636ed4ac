"""Issue 13, done when: "scoping (a municipal official never counts or lists another city)".

The Hangzhou reviewer's board counts Hangzhou's titles only, Ningbo's board, figures and downloads answer
404, and the list behind the figures never names a Ningbo enterprise."""

import pytest
from django.test import Client

from littlegiant.recognition.models import Recognition
from tests.cast import COUNTY_A, COUNTY_B
from tests.dashboards.conftest import recognise_waiting, waiting_title


@pytest.fixture
def titles(provincial_reviewer):
    waiting_title("srdi_sme", county=COUNTY_A)
    waiting_title("srdi_sme", county=COUNTY_B)
    waiting_title("srdi_sme", county=COUNTY_B)
    recognise_waiting("srdi_sme", provincial_reviewer)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_board_counts_only_the_own_city(titles, hangzhou_reviewer):
    response = _client(hangzhou_reviewer).get("/dashboards/")
    assert response.status_code == 200
    board = response.context["board"]
    assert board.focus.code == "330100"
    assert board.totals["srdi_sme"] == 1


def test_another_city_is_not_found(titles, hangzhou_reviewer):
    client = _client(hangzhou_reviewer)
    assert client.get("/dashboards/regions/330200/").status_code == 404
    assert client.get("/dashboards/regions/330000/").status_code == 404
    assert client.get("/dashboards/figures/funnel.csv?region=330200").status_code == 404
    assert client.get("/api/dashboards/regions/330200").status_code == 404
    assert client.get("/dashboards/titles/?region=330200").status_code == 404


def test_the_list_behind_the_figures_names_no_other_city(titles, hangzhou_reviewer):
    response = _client(hangzhou_reviewer).get("/dashboards/titles/")
    text = response.content.decode()
    for title in Recognition.objects.select_related("enterprise"):
        assert (title.enterprise.name in text) == (title.enterprise.region_id == COUNTY_A)


def test_the_province_sees_both_cities(titles, provincial_reviewer):
    response = _client(provincial_reviewer).get("/dashboards/")
    assert response.context["board"].totals["srdi_sme"] == 3


def test_an_enterprise_owner_has_no_dashboard(alice):
    assert _client(alice).get("/dashboards/").status_code == 403
