"""Coverage on a small hand-computed network in Zhejiang (11 cities, 90 counties; Hangzhou has 13 counties).

Definition under test: a city counts as covered when an institution is attached to the city itself (a
municipal institution); a county when an institution is attached to the county itself. Provincial and national
institutions cover no city or county.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from littlegiant.reference.models import Region
from littlegiant.services.coverage import coverage_of
from tests.cast import make_institution


@pytest.fixture
def network(national_centre, zhejiang_centre, hangzhou_centre, xihu_centre, ningbo_centre, db):
    make_institution("滨江区服务站", "county", "330108", parent=hangzhou_centre)
    make_institution("杭州市知识产权平台", "municipal", "330100", categories=("ip",), parent=zhejiang_centre)
    make_institution("停用的服务站", "county", "330109", is_active=False)  # inactive: covers nothing
    make_institution("北京市东城区服务站", "county", "110101")


def test_the_province_counts_two_of_eleven_cities_and_two_of_ninety_counties(network):
    total = coverage_of(Region.objects.get(code="330000")).total
    assert (total.prefectures_covered, total.prefectures) == (2, 11)
    assert total.prefecture_share == Decimal("18.2")  # 2 / 11
    assert (total.counties_covered, total.counties) == (2, 90)
    assert total.county_share == Decimal("2.2")  # 2 / 90
    # Two municipal institutions in Hangzhou, one in Ningbo; the provincial one is attached to the province.
    assert total.by_level == {"provincial": 1, "municipal": 3, "county": 2}


def test_hangzhou_has_two_of_its_counties_covered(network):
    hangzhou = coverage_of(Region.objects.get(code="330100"))
    assert (hangzhou.total.counties_covered, hangzhou.total.counties) == (2, 13)
    assert (hangzhou.total.prefectures_covered, hangzhou.total.prefectures) == (1, 1)
    covered = {row.code for row in hangzhou.rows if row.counties_covered}
    assert covered == {"330106", "330108"}
    assert "330109" in {region.code for region in hangzhou.uncovered_counties}


def test_the_country_row_for_zhejiang_and_for_beijing(network):
    country = coverage_of(None)
    rows = {row.code: row for row in country.rows}
    assert (rows["330000"].prefectures_covered, rows["330000"].counties_covered) == (2, 2)
    beijing = rows["110000"]
    assert beijing.prefectures == 0 and beijing.prefecture_share is None  # no prefecture-level cities
    assert (beijing.counties_covered, beijing.counties) == (1, 16)
    assert country.total.prefectures == 333
    assert country.total.prefectures_covered == 2
    assert country.total.by_level["national"] == 1
    assert "710000" not in rows  # Taiwan: no county data


def test_a_provincial_institution_alone_covers_no_city(zhejiang_centre):
    total = coverage_of(Region.objects.get(code="330000")).total
    assert total.prefectures_covered == 0 and total.counties_covered == 0
    assert total.by_level == {"provincial": 1}
