"""Query-count baseline (STYLE.md: "Query-count assertions on list pages and dashboards"): the tracker page costs
the same number of queries for two little giants as for one."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.cast import COUNTY_A, PASSWORD, make_enterprise
from tests.digital.conftest import grant_title

# Session, user, assignments, the focus region, one grouped count over the level snapshot for every year, the
# region names, and the not-there-yet page (its count and rows): 9 on SQLite.
TRACKER_QUERIES = 9


def count(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("digital:tracker")).status_code == 200
    return len(queries)


def test_more_enterprises_do_not_cost_more_queries(client, little_giants, provincial_reviewer) -> None:
    client.login(username="provincial_reviewer", password=PASSWORD)
    before = count(client)
    for n in range(5):
        extra = make_enterprise(f"杭州测试{n}有限公司", COUNTY_A, f"MA2T{n}X9Q")
        extra.filings.create(year=2025)
        grant_title(
            extra, "little_giant", by=provincial_reviewer, valid_from=dt.date(2024, 7, 1),
            valid_until=dt.date(2027, 6, 30),
        )  # fmt: skip
    assert count(client) == before
    assert before <= TRACKER_QUERIES
