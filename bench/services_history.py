"""The benchmark's request history: hundreds of thousands of service requests written in bulk.

The demo writes its history through the services (`littlegiant.services.demo.build_request_history`), one state
change at a time, so that it holds only states the platform can reach; at the benchmark's 200,000 requests that
would take hours. This loader writes the same shapes directly (requests, assignments, sessions, outcomes,
ratings and, unless asked not to, the trail) for measuring the pages at scale, and nothing else uses it.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone

from littlegiant.enterprises.permissions import MembershipRole
from littlegiant.services.demo import (
    BATCH,
    CATEGORY_WEIGHTS,
    HISTORY_DAYS,
    Network,
    lognormal,
    outcome_for,
    request_fields,
)
from littlegiant.services.models import (
    AssignmentOutcome,
    RequestAssignment,
    RequestEvent,
    RequestStatus,
    RoutingReason,
    ServiceInstitution,
    ServiceOutcome,
    ServiceRating,
    ServiceRequest,
    ServiceSession,
    SessionMode,
    StaffRole,
)
from littlegiant.services.services import outcome_comment, session_comment


@dataclass
class _Draft:
    request: ServiceRequest
    assignments: list[RequestAssignment]
    sessions: list[ServiceSession]
    outcomes: list[ServiceOutcome]
    rating: ServiceRating | None
    events: list[RequestEvent]


def load_request_history(
    rng: random.Random,
    network: Network,
    *,
    enterprises: Sequence[tuple[int, str]],
    filer_of: Callable[[int], int],
    filer_role_of: Callable[[int], str] = lambda _pk: MembershipRole.OWNER,
    counsellor_of: Callable[[ServiceInstitution], int],
    count: int,
    end: datetime,
    days: int = HISTORY_DAYS,
    with_events: bool = True,
    log: Callable[[str], None] = print,
) -> int:
    """`count` synthetic requests filed over `days` up to `end` by (enterprise id, region path) pairs, written
    row by row in bulk (the demo's `build_request_history` goes through the services instead).

    Requests follow the routing rule through `network`; about one in six is declined by its first institution;
    older requests are mostly closed, with sessions, outcomes and ratings; some stay open for months and some
    sessions have no time logged, so the data-quality page has something to show.
    """
    categories, weights = list(CATEGORY_WEIGHTS), list(CATEGORY_WEIGHTS.values())
    made = 0
    drafts: list[_Draft] = []
    for _index in range(count):
        enterprise_id, path = rng.choice(enterprises)
        category = rng.choices(categories, weights)[0]
        chain = network.chain(path, category)
        filed_at = end - timedelta(seconds=rng.uniform(0, days * 86400))
        drafts.append(
            _draft(
                rng,
                enterprise_id,
                filer_of(enterprise_id),
                filer_role_of(enterprise_id),
                path.rstrip("/").rsplit("/", 1)[-1],
                category,
                chain,
                filed_at,
                end,
                counsellor_of,
                with_events,
            )
        )
        if len(drafts) >= BATCH:
            made += _flush(drafts, with_events)
            drafts = []
            if made % 20000 == 0:
                log(f"{made:,} service requests")
    made += _flush(drafts, with_events)
    return made


def _draft(  # noqa: C901, PLR0912, PLR0913, PLR0915
    rng,  # noqa: ANN001
    enterprise_id,  # noqa: ANN001
    filer_id,  # noqa: ANN001
    filer_role,  # noqa: ANN001
    enterprise_region,  # noqa: ANN001
    category,  # noqa: ANN001
    chain,  # noqa: ANN001
    filed_at,  # noqa: ANN001
    end,  # noqa: ANN001
    counsellor_of,  # noqa: ANN001
    with_events,  # noqa: ANN001
) -> _Draft:
    request = ServiceRequest(
        enterprise_id=enterprise_id,
        **request_fields(rng, category),
        filed_by_id=filer_id,
        filed_at=filed_at,
        status=RequestStatus.UNROUTED,
        free_of_charge=None,
    )
    draft = _Draft(request, [], [], [], None, [])

    def event(  # noqa: PLR0913
        action: str,
        before: str,
        after: str,
        at: datetime,
        *,
        actor: int | None,
        role: str,
        held_at: ServiceInstitution | None = None,
        institution: ServiceInstitution | None = None,
        comment: str = "",
    ) -> None:
        """One trail entry shaped as services._record writes it: a role code, the institution the actor
        acted for, the region where the role is held, the institution the request stands at after it."""
        if with_events:
            region = (held_at.region_id or "") if held_at is not None else enterprise_region
            draft.events.append(
                RequestEvent(
                    actor_id=actor,
                    role=role,
                    held_at=held_at,
                    region=region,
                    action=action,
                    from_state=before,
                    to_state=after,
                    institution=institution,
                    comment=comment,
                    created_at=at,
                )
            )

    event(
        "file",
        "",
        RequestStatus.ROUTED if chain else RequestStatus.UNROUTED,
        filed_at,
        actor=filer_id,
        role=filer_role,
        institution=chain[0] if chain else None,
    )
    if not chain:
        return draft
    at = filed_at
    index = 0
    reason = RoutingReason.FILED
    # A first institution that cannot help declines; the next one up takes it.
    while True:
        institution = chain[index]
        assignment = RequestAssignment(institution=institution, reason=reason, routed_at=at)
        draft.assignments.append(assignment)
        answer = timedelta(hours=lognormal(rng, 18 if institution.level == "county" else 26, 0.9))
        if at + answer > end:
            request.status = RequestStatus.ROUTED
            request.institution = institution
            request.respond_by = at + timedelta(hours=institution.first_response_hours)
            return draft
        at += answer
        assignment.responded_at = at
        assignment.response_seconds = int(answer.total_seconds())
        if index + 1 < len(chain) and rng.random() < 0.17:
            assignment.ended_at, assignment.outcome = at, AssignmentOutcome.DECLINED
            assignment.comment = rng.choice(["本站暂无该类服务资源", "需上级平台协调", "超出本站服务能力"])
            event(
                "decline",
                RequestStatus.ROUTED,
                RequestStatus.ROUTED,
                at,
                actor=counsellor_of(institution),
                role=StaffRole.COUNSELLOR,
                held_at=institution,
                institution=chain[index + 1],
                comment=assignment.comment,
            )
            index, reason = index + 1, RoutingReason.DECLINED
            continue
        break
    request.institution = institution
    request.status = RequestStatus.ACCEPTED
    request.first_response_at = at
    request.resolve_by = at + timedelta(days=institution.resolution_days)
    counsellor = counsellor_of(institution)
    staff = {
        "actor": counsellor,
        "role": StaffRole.COUNSELLOR,
        "held_at": institution,
        "institution": institution,
    }
    event("accept", RequestStatus.ROUTED, RequestStatus.ACCEPTED, at, **staff)
    resolution = timedelta(days=lognormal(rng, 11, 0.8))
    session_day = at
    for _number in range(rng.choice([1, 1, 2, 2, 3])):
        session_day = session_day + timedelta(days=rng.uniform(0.5, max(1.0, resolution.days / 2)))
        if session_day > end:
            break
        untimed = rng.random() < 0.03
        session = ServiceSession(
            institution=institution,
            counsellor_id=counsellor,
            held_on=timezone.localdate(session_day),
            mode=rng.choice(SessionMode.values),
            contact_minutes=0 if untimed else rng.choice([30, 45, 60, 90, 120]),
            preparation_minutes=0 if untimed else rng.choice([0, 15, 30, 60]),
            notes="",
        )
        draft.sessions.append(session)
        event(
            "session",
            RequestStatus.ACCEPTED,
            RequestStatus.ACCEPTED,
            session_day,
            comment=session_comment(session),
            **staff,
        )
    stays_open = rng.random() < 0.03  # the stale requests the data-quality page lists
    if stays_open or at + resolution > end:
        return draft
    closed_at = at + resolution
    request.status = RequestStatus.CLOSED
    request.closed_at = closed_at
    request.resolve_by = None
    request.resolution = "已完成服务并反馈企业。"
    request.free_of_charge = rng.random() < (0.85 if institution.level in {"county", "municipal"} else 0.7)
    assignment.ended_at, assignment.outcome = closed_at, AssignmentOutcome.CLOSED
    assignment.resolution_seconds = int((closed_at - assignment.routed_at).total_seconds())
    kind, value = outcome_for(rng, category)
    if kind:
        outcome = ServiceOutcome(
            institution=institution,
            kind=kind,
            value=value,
            achieved_on=timezone.localdate(closed_at),
            recorded_by_id=counsellor,
        )
        draft.outcomes.append(outcome)
        event(
            "outcome",
            RequestStatus.ACCEPTED,
            RequestStatus.ACCEPTED,
            closed_at,
            comment=outcome_comment(outcome),
            **staff,
        )
    event(
        "close",
        RequestStatus.ACCEPTED,
        RequestStatus.CLOSED,
        closed_at,
        comment=request.resolution,
        **staff,
    )
    if rng.random() < 0.62:
        score = rng.choices([5, 4, 3, 2, 1], [50, 32, 11, 4, 3])[0]
        draft.rating = ServiceRating(institution=institution, score=score, comment="", rated_by_id=filer_id)
        event(
            "rate",
            RequestStatus.CLOSED,
            RequestStatus.CLOSED,
            min(closed_at + timedelta(days=1), end),
            actor=filer_id,
            role=filer_role,
            institution=institution,
            comment=f"{score}/5",
        )
    return draft


def _flush(drafts: list[_Draft], with_events: bool) -> int:
    if not drafts:
        return 0
    ServiceRequest.objects.bulk_create([draft.request for draft in drafts], batch_size=BATCH)
    assignments, sessions, outcomes, ratings, events = [], [], [], [], []
    for draft in drafts:
        pk = draft.request.pk
        for assignment in draft.assignments:
            assignment.request_id = pk
            assignments.append(assignment)
        for session in draft.sessions:
            session.request_id = pk
            sessions.append(session)
        for outcome in draft.outcomes:
            outcome.request_id = pk
            outcomes.append(outcome)
        if draft.rating is not None:
            draft.rating.request_id = pk
            ratings.append(draft.rating)
        for item in draft.events:
            item.request_id = pk
            events.append(item)
    RequestAssignment.objects.bulk_create(assignments, batch_size=BATCH)
    ServiceSession.objects.bulk_create(sessions, batch_size=BATCH)
    ServiceOutcome.objects.bulk_create(outcomes, batch_size=BATCH)
    ServiceRating.objects.bulk_create(ratings, batch_size=BATCH)
    if with_events:
        RequestEvent.objects.bulk_create(events, batch_size=BATCH)
    return len(drafts)
