"""The demo's request trail is the one the services write: role codes and the people who acted, not a
'synthetic history' label (issue 10: "demo builders create their rows through their apps' services").

The trail page shows `RequestEvent.role_label`, read from a role code (services._record), so every event the
demo writes must carry a code the services write, its real actor, and for staff the institution they acted for.
"""

from __future__ import annotations

from littlegiant.enterprises.permissions import MembershipRole
from littlegiant.services.demo import build
from littlegiant.services.models import InstitutionStaff, RequestEvent, ServiceRequest, StaffRole


def test_every_event_of_the_demo_history_has_a_role_code_and_its_actor(alice, beta, shorter_demo_history):
    build(seed=11, log=lambda message: None)
    events = list(RequestEvent.objects.select_related("request"))
    assert events
    assert {event.role for event in events} <= {*StaffRole.values, *MembershipRole.values}
    staff_at = set(InstitutionStaff.objects.values_list("user_id", "institution_id"))
    for event in events:
        assert event.actor_id is not None, event
        if event.role in StaffRole.values:
            assert (event.actor_id, event.held_at_id) in staff_at, event
            assert event.region == (event.held_at.region_id or "")
        else:
            assert event.role == event.actor.memberships.get(enterprise=event.request.enterprise_id).role
            assert event.region == event.request.enterprise.region_id


def test_the_demo_accounts_requests_are_made_by_the_services(alice, beta, shorter_demo_history):
    build(seed=11, log=lambda message: None)
    mine = ServiceRequest.objects.filter(enterprise__memberships__user=alice)
    assert mine.count() >= 3
    actions = list(
        RequestEvent.objects.filter(request__in=mine, actor__username="service_county").values_list(
            "action", flat=True
        )
    )
    assert {"accept", "session", "close", "decline"} <= set(actions)
    assert RequestEvent.objects.filter(request__in=mine, action="rate", actor=alice).exists()
    assert RequestEvent.objects.filter(
        request__in=mine, action="accept", actor__username="service_city"
    ).exists()
