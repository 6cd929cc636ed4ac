"""Template tags of the service network: the staff home-page queue."""

from __future__ import annotations

from dataclasses import dataclass

from django import template
from django.db.models import Count, Q
from django.utils import timezone

from littlegiant.services.models import InstitutionStaff, RequestStatus, ServiceRequest

register = template.Library()


@dataclass(frozen=True, slots=True)
class StaffQueue:
    """What waits for an institution's staff member: new requests, accepted ones, overdue ones."""

    awaiting: int
    in_progress: int
    overdue: int
    latest: list[ServiceRequest]


@register.simple_tag(takes_context=True)
def institution_queue(context: template.Context, institution_id: int) -> StaffQueue | None:
    """The queue of an institution the signed-in person works at (None for anyone else)."""
    user = context["request"].user
    if not InstitutionStaff.objects.filter(user=user, institution_id=institution_id).exists():
        return None
    now = timezone.now()
    requests = ServiceRequest.objects.filter(institution_id=institution_id)
    counts = requests.aggregate(
        awaiting=Count("pk", filter=Q(status=RequestStatus.ROUTED)),
        in_progress=Count("pk", filter=Q(status=RequestStatus.ACCEPTED)),
        overdue=Count(
            "pk",
            filter=Q(status=RequestStatus.ROUTED, respond_by__lt=now)
            | Q(status=RequestStatus.ACCEPTED, resolve_by__lt=now),
        ),
    )
    latest = list(
        requests.filter(status__in=[RequestStatus.ROUTED, RequestStatus.ACCEPTED])
        .select_related("enterprise")
        .order_by("respond_by", "resolve_by", "pk")[:5]
    )
    return StaffQueue(latest=latest, **counts)
