"""The reviewer's queue summary, for the home page of a reviewer."""

from __future__ import annotations

from django import template
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from littlegiant import engine_labels
from littlegiant.accounts.models import ReviewLevel
from littlegiant.bilingual import label_of
from littlegiant.recognition.models import (
    AWAITING_REVIEW,
    Application,
    ApplicationStatus,
    ChangeKind,
    RecognitionState,
    SpotCheck,
)
from littlegiant.rules.registry import PackNotFound, registry

register = template.Library()


@register.inclusion_tag("recognition/_reviewer_summary_counts.html")
def reviewer_summary(user: object) -> dict[str, object]:
    """How many applications await this reviewer, by status, in one query."""
    rows = (
        Application.objects.for_user(user)
        .at_stages_of(user)
        .filter(status__in=AWAITING_REVIEW)
        .values("status")
        .annotate(n=Count("pk"))
        .order_by("status")
    )
    labels = dict(ApplicationStatus.choices)
    return {
        "counts": [{"status": row["status"], "label": labels[row["status"]], "n": row["n"]} for row in rows]
    }


ACTIONS = {
    "start": _("started a draft"),
    "add_evidence": _("uploaded a document"),
    "remove_evidence": _("removed a document"),
    "submit": _("submitted"),
    "resubmit": _("resubmitted"),
    "pass": _("passed"),
    "advance": _("moved on"),
    "return": _("returned for correction"),
    "reject": _("rejected"),
    "confirm": _("confirmed a criterion"),
    "correct": _("corrected a criterion"),
    "spot_check_drawn": _("drawn for a spot check"),
    "spot_check_recorded": _("spot check recorded"),
    "experts_drawn": _("experts drawn"),
    "expert_scored": _("expert scored"),
    "publish_notice": _("notice published"),
    "on_notice": _("put under public notice"),
    "objection": _("objection lodged"),
    "resolve_objection": _("objection resolved"),
    "conclude_notice": _("notice concluded"),
    "recognise": _("recognised"),
    "revoke": _("title revoked"),
    "annual_update": _("annual data update"),
    "annual_update_missed": _("annual data update missed"),
    "report_change": _("change reported"),
    "assess_change": _("change assessed"),
    "demo_clock": _("notice period moved (demo)"),
}
# The other words an event's from/to column holds, besides statuses, levels and dates.
STATES = {
    "open": _("open"),
    "upheld": _("upheld"),
    "dismissed": _("dismissed"),
    "running": _("running"),
    "concluded": _("concluded"),
    "review_eligible": _("eligible for review"),
    "not_review_eligible": _("not eligible for review"),
    "eligible": _("still eligible"),
    "not_eligible": _("no longer eligible"),
    **dict(RecognitionState.choices),
    **dict(SpotCheck.Result.choices),
    **dict(ChangeKind.choices),
}
ROLES = {
    "enterprise": _("enterprise"),
    "county_authority": _("county SME authority"),
    "reviewer:municipal": _("municipal reviewer"),
    "reviewer:provincial": _("provincial reviewer"),
    "reviewer:national": _("national reviewer"),
    "expert": _("expert"),
    "public": _("public"),
    "system": _("system"),
    "administrator": _("administrator"),
    "user": _("user"),
}


# The engine's outcomes and criterion statuses have one vocabulary, in engine_labels, shared with assessment.
register.filter("outcome_label", engine_labels.outcome_label)
register.filter("criterion_status_label", engine_labels.status_label)


@register.filter
def action_label(value: str) -> str:
    return str(ACTIONS.get(value, value))


@register.filter
def role_label(value: str) -> str:
    """An event's role code in the reader's language."""
    return str(ROLES.get(value, value))


@register.filter
def state_label(value: str) -> str:
    """An event's from/to state in the reader's language: "in_review@municipal" reads "In review · Municipal"."""
    if not value:
        return ""
    status, _at, level = value.partition("@")
    statuses = dict(ApplicationStatus.choices)
    if status in statuses:
        label = str(statuses[status])
        levels = dict(ReviewLevel.choices)
        return f"{label} · {levels.get(level, level)}" if level else label
    return str(STATES.get(value, value))


@register.filter
def pack_title(pack_id: str) -> str:
    """A rule pack named by its title in the reader's language, never by its id."""
    try:
        return label_of(registry.get(pack_id), "title")
    except PackNotFound:
        return pack_id


@register.filter
def criterion_value(value: object) -> object:
    """A criterion's value in an explanation: outcome and size-class codes and booleans by name."""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, str):
        return engine_labels.outcome_label(value)
    return value
