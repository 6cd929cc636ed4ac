"""Routing: a request goes to an institution serving its region and category, nearest level first."""

from __future__ import annotations

from littlegiant.services import services
from littlegiant.services.models import RequestStatus, RoutingReason
from tests.cast import COUNTY_A, make_institution


def _file(alice, alpha, category="financing"):
    return services.file_request(
        alpha, by=alice, category=category, title="需要贷款", description="流动资金周转。"
    )


def test_it_goes_to_the_county_institution_of_the_enterprises_county(
    alice, alpha, xihu_centre, ningbo_centre
):
    request = _file(alice, alpha)
    assert request.status == RequestStatus.ROUTED
    assert request.institution == xihu_centre
    assignment = request.assignments.get()
    assert assignment.reason == RoutingReason.FILED
    assert request.respond_by is not None


def test_it_skips_a_county_institution_that_does_not_serve_the_category(alice, alpha, hangzhou_centre, db):
    make_institution("西湖区知识产权服务站", "county", COUNTY_A, categories=("ip",), parent=hangzhou_centre)
    request = _file(alice, alpha)
    assert request.institution == hangzhou_centre


def test_it_never_goes_to_another_citys_institution(alice, alpha, ningbo_centre, db):
    # Ningbo's municipal centre serves financing, but not Hangzhou: the provincial centre is next for Alpha.
    request = _file(alice, alpha)
    assert request.institution == ningbo_centre.parent
    assert request.institution.region_id == "330000"


def test_a_county_institution_in_another_county_is_not_a_candidate(alice, alpha, national_centre, db):
    make_institution("鄞州区中小企业服务站", "county", "330212")
    request = _file(alice, alpha)
    assert request.institution == national_centre


def test_with_no_institution_for_the_category_it_waits_unrouted(alice, alpha, xihu_centre):
    request = _file(alice, alpha, category="legal")
    assert request.status == RequestStatus.UNROUTED
    assert request.institution is None
    assert not request.assignments.exists()


def test_within_a_level_the_institution_with_more_spare_capacity_comes_first(
    alice, alpha, hangzhou_centre, db
):
    busy = make_institution("西湖区服务站甲", "county", COUNTY_A, capacity=1, parent=hangzhou_centre)
    roomy = make_institution("西湖区服务站乙", "county", COUNTY_A, capacity=50, parent=hangzhou_centre)
    first = _file(alice, alpha)
    second = _file(alice, alpha)
    assert first.institution == busy  # both empty: the older one
    assert second.institution == roomy  # busy has taken 1 of 1 this month, roomy 0 of 50
