"""Routing skips an institution nobody staffs: no one there could answer (UX review 2026-12, defect 4)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from littlegiant.services import services
from tests.cast import COUNTY_A, make_institution


def _file(alice, alpha):
    return services.file_request(
        alpha, by=alice, category="financing", title="需要贷款", description="流动资金。"
    )


def test_an_unstaffed_county_station_is_passed_over_for_the_staffed_city_centre(
    alice, alpha, hangzhou_centre
):
    make_institution("西湖区无人服务站", "county", COUNTY_A, parent=hangzhou_centre, staffed=False)
    request = _file(alice, alpha)
    assert request.institution == hangzhou_centre


def test_a_station_whose_only_staff_left_is_passed_over(alice, alpha, hangzhou_centre):
    station = make_institution("西湖区服务站", "county", COUNTY_A, parent=hangzhou_centre)
    counsellor = station.staff.get().user
    counsellor.is_active = False
    counsellor.save(update_fields=["is_active"])
    assert _file(alice, alpha).institution == hangzhou_centre


def test_staff_cannot_transfer_a_request_to_an_unstaffed_institution(alice, alpha, carol, hangzhou_centre):
    empty = make_institution(
        "杭州市无人服务平台", "municipal", "330100", parent=hangzhou_centre.parent, staffed=False
    )
    request = _file(alice, alpha)
    with pytest.raises(ValidationError) as refused:
        services.transfer(request, by=carol, to=empty, reason="更专业")
    assert "no staff" in str(refused.value.message_dict["to"])
