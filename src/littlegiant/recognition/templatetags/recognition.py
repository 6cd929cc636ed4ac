"""The reviewer's queue summary, for the home page of a reviewer."""

from __future__ import annotations

from django import template
from django.db.models import Count

from littlegiant.recognition.models import Application, ApplicationStatus

register = template.Library()


@register.inclusion_tag("recognition/_reviewer_summary_counts.html")
def reviewer_summary(user: object) -> dict[str, object]:
    """How many applications await this reviewer, by status, in one query."""
    rows = (
        Application.objects.for_user(user)
        .at_stages_of(user)
        .filter(
            status__in=[
                ApplicationStatus.IN_REVIEW,
                ApplicationStatus.STAGE_PASSED,
                ApplicationStatus.ON_NOTICE,
                ApplicationStatus.PASSED,
            ]
        )
        .values("status")
        .annotate(n=Count("pk"))
        .order_by("status")
    )
    labels = dict(ApplicationStatus.choices)
    return {
        "counts": [{"status": row["status"], "label": labels[row["status"]], "n": row["n"]} for row in rows]
    }
