"""Issue 13, demo: "a national roll-up large enough to make the national page meaningful (the seed's figures
as the registered totals across provinces, with the demo province in full detail)".

After the dashboards' demo builder, the national board counts the seed's figures (140,000 SRDI SMEs
including 12,000 little giants: data/official_figures.csv), the demo province's own titles included, every
other province is a marked demo row, and the demo province has none."""

from django.test import Client

from littlegiant.dashboards import demo
from littlegiant.dashboards.board import build_board
from littlegiant.figures.models import RegionalRollup
from tests.cast import COUNTY_A
from tests.dashboards.conftest import recognise_waiting, waiting_title


def test_the_nation_adds_up_to_the_seed(provincial_reviewer, national_reviewer):
    waiting_title("little_giant", county=COUNTY_A)
    waiting_title("srdi_sme", county=COUNTY_A)
    recognise_waiting("little_giant", provincial_reviewer)
    recognise_waiting("srdi_sme", provincial_reviewer)
    demo.build(seed=1, log=lambda line: None)
    board = build_board(national_reviewer, None)
    assert board.totals["little_giant"] == 12_000
    assert board.totals["srdi_and_little_giant"] == 140_000
    assert board.has_demo_rollup
    assert not RegionalRollup.objects.filter(region__province_code="330000").exists()
    assert RegionalRollup.objects.count() >= 30


def test_the_national_page_says_it_is_demo_data(provincial_reviewer, national_reviewer):
    demo.build(seed=1, log=lambda line: None)
    client = Client()
    client.force_login(national_reviewer)
    text = client.get("/dashboards/").content.decode()
    assert "Demonstration data" in text or "演示数据" in text
