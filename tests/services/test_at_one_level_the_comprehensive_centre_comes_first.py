"""At one level, a request goes to the comprehensive (one-stop) centre before a specialised platform, even when
the specialised one has more spare capacity (UX review 2026-12, defect 4: 政策咨询 went to an IP platform)."""

from __future__ import annotations

from littlegiant.services import services
from littlegiant.services.models import InstitutionKind
from tests.cast import CITY_A, make_institution


def test_the_city_centre_gets_it_before_a_roomier_specialised_platform(alice, alpha, zhejiang_centre):
    make_institution(
        "杭州市知识产权服务平台", "municipal", CITY_A, parent=zhejiang_centre,
        kind=InstitutionKind.SPECIALISED, capacity=500,
    )  # fmt: skip
    centre = make_institution(
        "杭州市中小企业服务中心", "municipal", CITY_A, parent=zhejiang_centre, capacity=1
    )
    request = services.file_request(
        alpha, by=alice, category="policy", title="政策咨询", description="申报。"
    )
    assert request.institution == centre
