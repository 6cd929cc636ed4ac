"""Issue 13: "A public page (no sign-in) shows aggregate counts only, never an enterprise."

Signed out, the page and its API answer with the national counts; no enterprise name, credit code or link to
a list or an enterprise appears, and no download is offered."""

import pytest
from django.test import Client

from littlegiant.enterprises.models import Enterprise
from tests.cast import COUNTY_A, COUNTY_B
from tests.dashboards.conftest import recognise_waiting, waiting_title


@pytest.fixture
def titles(provincial_reviewer, alpha, beta):
    waiting_title("srdi_sme", county=COUNTY_A)
    waiting_title("little_giant", county=COUNTY_B)
    recognise_waiting("srdi_sme", provincial_reviewer)
    recognise_waiting("little_giant", provincial_reviewer)


def test_the_page_is_public_and_counts(titles):
    response = Client().get("/dashboards/public/")
    assert response.status_code == 200
    assert response.context["board"].totals["srdi_sme"] == 1
    assert response.context["board"].totals["little_giant"] == 1


def test_no_enterprise_is_named_or_linked(titles):
    text = Client().get("/dashboards/public/").content.decode()
    assert Enterprise.objects.count() >= 4
    for enterprise in Enterprise.objects.all():
        assert enterprise.name not in text
        assert enterprise.credit_code not in text
    for private in (
        "/dashboards/titles/",
        "/enterprises/",
        "/recognition/recognitions/",
        "/dashboards/figures/",
    ):
        assert private not in text


def test_the_public_api_names_no_enterprise(titles):
    response = Client().get("/api/dashboards/public")
    assert response.status_code == 200
    text = response.content.decode()
    for enterprise in Enterprise.objects.all():
        assert enterprise.name not in text
        assert enterprise.credit_code not in text


def test_the_private_board_needs_a_sign_in():
    assert Client().get("/dashboards/").status_code == 302
    assert Client().get("/api/dashboards/").status_code in (401, 403)
