"""A county institution declines with a reason; the request goes to the municipal institution above."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from littlegiant.services import services
from littlegiant.services.models import AssignmentOutcome, RequestEvent, RequestStatus, RoutingReason


@pytest.fixture
def filed(alice, alpha, xihu_centre):
    return services.file_request(
        alpha, by=alice, category="financing", title="贷款", description="需要一笔贷款。"
    )


def test_it_goes_to_the_municipal_institution(filed, carol, hangzhou_centre):
    request = services.decline(filed, by=carol, reason="本站暂无融资对接能力")
    assert request.status == RequestStatus.ROUTED
    assert request.institution == hangzhou_centre
    first, second = request.assignments.order_by("pk")
    assert first.outcome == AssignmentOutcome.DECLINED
    assert first.comment == "本站暂无融资对接能力"
    assert first.response_seconds is not None
    assert second.reason == RoutingReason.DECLINED


def test_the_event_log_names_actor_role_and_transition(filed, carol, xihu_centre, hangzhou_centre):
    services.decline(filed, by=carol, reason="无能力")
    event = RequestEvent.objects.filter(request=filed, action="decline").get()
    assert event.actor == carol
    # The role is a code held at the county station, though the decline moved the request to the city.
    assert (event.role, event.held_at, event.institution) == ("counsellor", xihu_centre, hangzhou_centre)
    assert event.region == xihu_centre.region_id
    with translation.override("en"):
        assert event.role_label == "Counsellor · 西湖区中小企业服务站"
    assert (event.from_state, event.to_state) == ("routed", "routed")
    assert event.comment == "无能力"


def test_a_decline_needs_a_reason(filed, carol, hangzhou_centre):
    with pytest.raises(ValidationError) as error:
        services.decline(filed, by=carol, reason="  ")
    assert "reason" in error.value.message_dict


def test_staff_of_another_institution_cannot_decline_it(filed, dave):
    with pytest.raises(PermissionDenied, match="西湖区"):
        services.decline(filed, by=dave, reason="not mine")


def test_accepting_then_declining_is_refused(filed, carol, hangzhou_centre):
    services.accept(filed, by=carol)
    with pytest.raises(PermissionDenied, match="awaiting"):
        services.decline(filed, by=carol, reason="changed my mind")


def test_declined_at_every_level_it_waits_unrouted(filed, carol, dave, hangzhou_centre, zhejiang_centre, db):
    from tests.cast import _staff

    services.decline(filed, by=carol, reason="no")
    services.decline(filed, by=dave, reason="no")
    provincial = _staff("pat", zhejiang_centre, "counsellor")
    services.decline(filed, by=provincial, reason="no")
    national = _staff("nat", zhejiang_centre.parent, "counsellor")
    request = services.decline(filed, by=national, reason="no")
    assert request.status == RequestStatus.UNROUTED
    assert request.institution is None
