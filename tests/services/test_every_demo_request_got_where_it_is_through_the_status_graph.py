"""Every request of the services demo reached its state by steps the platform allows (issue 10: "demo builders
create their data through the services, so the demo cannot hold states the platform cannot reach").

The graph below is what the services in littlegiant/services/services.py do: each action, the statuses it starts
from and the statuses it can leave. A request's trail must start with its filing, chain each step's end to the
next step's start, use only these steps, and end at the status the request has; its sessions, outcome and
rating must belong to steps the trail shows.
"""

from __future__ import annotations

from littlegiant.services.demo import build
from littlegiant.services.models import RequestEvent, RequestStatus, ServiceRequest

ROUTED, ACCEPTED, CLOSED = RequestStatus.ROUTED, RequestStatus.ACCEPTED, RequestStatus.CLOSED
UNROUTED, WITHDRAWN = RequestStatus.UNROUTED, RequestStatus.WITHDRAWN
OPEN = {ROUTED, ACCEPTED, UNROUTED}

# action -> {(from, to)}
STEPS: dict[str, set[tuple[str, str]]] = {
    "file": {("", ROUTED), ("", UNROUTED)},
    "accept": {(ROUTED, ACCEPTED)},
    "decline": {(ROUTED, ROUTED), (ROUTED, UNROUTED)},
    "transfer": {(ROUTED, ROUTED), (ACCEPTED, ROUTED), (UNROUTED, ROUTED)},
    "refer": {(ROUTED, ROUTED), (ACCEPTED, ROUTED)},
    "escalate": {(ROUTED, ROUTED), (ACCEPTED, ROUTED)},
    "overdue": {(ROUTED, ROUTED), (ACCEPTED, ACCEPTED)},
    "session": {(ACCEPTED, ACCEPTED)},
    "outcome": {(ACCEPTED, ACCEPTED)},
    "close": {(ACCEPTED, CLOSED)},
    "rate": {(CLOSED, CLOSED)},
    "attach": {(status, status) for status in OPEN},
    "withdraw": {(status, WITHDRAWN) for status in OPEN},
}


def trail_problems(request: ServiceRequest, events: list[RequestEvent]) -> list[str]:
    """What is wrong with one request's trail, read in the order it was written."""
    problems = []
    if not events or events[0].action != "file":
        return [f"request {request.pk} does not start with its filing"]
    status = ""
    for event in events:
        if event.from_state != status:
            problems.append(
                f"request {request.pk}: {event.action} starts at {event.from_state!r}, not {status!r}"
            )
        if (event.from_state, event.to_state) not in STEPS.get(event.action, set()):
            problems.append(
                f"request {request.pk}: no step {event.action} {event.from_state}->{event.to_state}"
            )
        status = event.to_state
    if status != request.status:
        problems.append(f"request {request.pk} is {request.status} but its trail ends at {status}")
    return problems


def test_every_request_reached_its_state_by_steps_the_platform_allows(alice, beta, shorter_demo_history):
    # One build for every check.
    build(seed=11, log=lambda message: None)
    requests = list(
        ServiceRequest.objects.prefetch_related("events", "sessions", "outcomes").select_related("rating")
    )
    assert len(requests) >= shorter_demo_history
    problems = []
    for request in requests:
        events = sorted(request.events.all(), key=lambda event: (event.created_at, event.pk))
        problems += trail_problems(request, events)
        actions = [event.action for event in events]
        # Sessions, outcomes and a rating exist only with the steps that made them.
        if len(request.sessions.all()) != actions.count("session"):
            problems.append(f"request {request.pk}: sessions without their step")
        if len(request.outcomes.all()) != actions.count("outcome"):
            problems.append(f"request {request.pk}: outcomes without their step")
        if hasattr(request, "rating") != ("rate" in actions):
            problems.append(f"request {request.pk}: a rating without its step")
    assert not problems, "\n".join(problems[:20])
    # The history reaches every state a person would find in a running network.
    assert {ROUTED, ACCEPTED, CLOSED} <= {request.status for request in requests}
    reached = {event.action for request in requests for event in request.events.all()}
    assert {"file", "accept", "decline", "session", "outcome", "close", "rate"} <= reached


def test_a_made_up_step_is_caught():
    request = ServiceRequest(pk=1, status=CLOSED)
    events = [
        RequestEvent(action="file", from_state="", to_state=ROUTED),
        RequestEvent(action="close", from_state=ROUTED, to_state=CLOSED),  # closed without being accepted
    ]
    assert trail_problems(request, events) == ["request 1: no step close routed->closed"]
