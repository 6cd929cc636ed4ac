"""House style: "Query-count assertions on list pages and dashboards, so an N+1 fails a test."

The national board reads the summary tables with a fixed number of queries, whether it counts two titles or
forty in twenty cities' counties."""

import pytest
from django.test import Client

from tests.cast import COUNTY_A, COUNTY_B
from tests.dashboards.conftest import recognise_waiting, waiting_title

BOUND = 40


def _board(user, django_assert_max_num_queries, url="/dashboards/"):
    client = Client()
    client.force_login(user)
    with django_assert_max_num_queries(BOUND):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("count", [1, 20])
def test_the_national_board_is_bounded(
    count, national_reviewer, provincial_reviewer, django_assert_max_num_queries
):
    for index in range(count):
        waiting_title(
            "srdi_sme", county=COUNTY_A if index % 2 else COUNTY_B, industry="3973" if index % 3 else "6513"
        )
        waiting_title("little_giant", county=COUNTY_B)
    recognise_waiting("srdi_sme", provincial_reviewer)
    recognise_waiting("little_giant", provincial_reviewer)
    _board(national_reviewer, django_assert_max_num_queries)
    _board(national_reviewer, django_assert_max_num_queries, "/dashboards/regions/330000/")
    _board(national_reviewer, django_assert_max_num_queries, "/dashboards/titles/?region=330000")
