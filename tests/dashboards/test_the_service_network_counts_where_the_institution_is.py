"""The service network's figures are the institutions' performance: requests filed and closed and their ratings
count in the region of the institution that answered, like the coverage beside them (issue 13, third session).

A Xihu enterprise asks for digital help, which only the Hangzhou municipal centre offers: the request, its
closing and its rating (4) count in Hangzhou, not in Xihu; a financing request answered by the Xihu station
(rated 2) counts in Xihu. Worked out by hand: Xihu files 1, closes 1, satisfaction 2.00; Hangzhou (the city,
its counties included) files 2, closes 2, satisfaction 3.00; the rebuild writes the same tallies."""

from __future__ import annotations

import pytest

from littlegiant.dashboards.board import build_board
from littlegiant.dashboards.rebuild import tally_counts
from littlegiant.figures.models import Tally
from littlegiant.reference.models import Region
from littlegiant.services import services
from tests.cast import CITY_A, COUNTY_A, make_institution


def _answered(alice, alpha, category: str, institution, score: int) -> None:
    from littlegiant.accounts.models import User

    desk = User.objects.get(username=f"desk{institution.pk}")
    request = services.file_request(alpha, by=alice, category=category, title="求助", description="说明")
    assert request.institution == institution
    services.accept(request, by=desk)
    services.close(request, by=desk, resolution="已办结", free_of_charge=True)
    services.rate(request, by=alice, score=score)


@pytest.fixture
def answered(alice, alpha):
    city = make_institution("杭州市数字化服务中心", "municipal", CITY_A, categories=("digital",))
    county = make_institution("西湖区服务站", "county", COUNTY_A, categories=("financing",))
    _answered(alice, alpha, "digital", city, 4)
    _answered(alice, alpha, "financing", county, 2)


def test_ratings_and_requests_count_where_the_institution_is(answered, provincial_reviewer):
    xihu = build_board(provincial_reviewer, Region.objects.get(code=COUNTY_A))
    assert xihu.totals["requests"] == 1
    assert str(xihu.totals["satisfaction"]) == "2.00"
    assert [row[1:] for row in xihu.figures["requests_by_category"].rows] == [[1, 1, 2]]
    hangzhou = build_board(provincial_reviewer, Region.objects.get(code=CITY_A))
    assert hangzhou.totals["requests"] == 2
    assert str(hangzhou.totals["satisfaction"]) == "3.00"


def test_the_rebuild_counts_the_same_tallies(answered):
    kept = {
        (row.measure, row.region_id, row.key, row.year): [row.n, row.amount]
        for row in Tally.objects.filter(n__gt=0)
    }
    assert kept == {key: cell for key, cell in tally_counts().items() if cell[0]}
    assert {region for (_m, region, _k, _y) in kept} == {CITY_A, COUNTY_A}
