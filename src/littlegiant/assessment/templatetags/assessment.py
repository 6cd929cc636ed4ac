"""Template filters for explanation documents: the reader's language, field names, tags, tier ladder."""

from __future__ import annotations

from collections.abc import Mapping

from django import template
from django.utils.translation import gettext as _

from littlegiant import engine_labels
from littlegiant.bilingual import choose, label_of
from littlegiant.rules.schema import FIELDS_BY_NAME

register = template.Library()


@register.filter
def bilingual(document: Mapping[str, object] | None, key: str) -> object:
    """document["<key>_zh"] in the Chinese UI, the English text otherwise (falling back to the other)."""
    if not document:
        return ""
    # The engine writes some English texts under the plain key ("note") beside "note_zh".
    chinese = document.get(f"{key}_zh")
    english = document.get(f"{key}_en") or document.get(key)
    return choose(str(chinese or ""), str(english or ""))


@register.filter
def field_label(name: str) -> str:
    """A canonical field's name in the reader's language."""
    spec = FIELDS_BY_NAME.get(name)
    if spec is None:
        return name
    return label_of(spec)


@register.filter
def confidence_label(tag: str) -> str:
    """[C] needs no words; [S] and [U] are spelled out so no one takes them for official."""
    if tag == "S":
        return _("secondary source")
    if tag == "U":
        return _("unconfirmed")
    return ""


@register.filter
def outcome_label(outcome: str | None) -> str:
    if not outcome:
        return ""
    return engine_labels.outcome_label(outcome)


@register.filter
def outcome_chart(run: object) -> dict[str, object]:
    """A screening's counts by outcome, for an ECharts bar chart, labels in the reader's language."""
    summary: dict[str, dict[str, int]] = getattr(run, "summary", {}) or {}
    outcomes: list[str] = []
    for counts in summary.values():
        outcomes.extend(o for o in counts if o not in outcomes)
    return {
        "categories": [outcome_label(o) for o in outcomes],
        "series": [
            {"name": pack_title(pack_id), "data": [counts.get(o, 0) for o in outcomes]}
            for pack_id, counts in summary.items()
        ],
    }


@register.filter
def pack_title(pack_id: str) -> str:
    """A rule pack's title in the reader's language (the id itself if the pack is gone)."""
    from littlegiant.rules import PackNotFound, registry

    try:
        pack = registry.get(pack_id)
    except PackNotFound:
        return pack_id
    return label_of(pack, "title")


@register.filter
def status_mark(status: str) -> str:
    return {"met": "✓", "unmet": "✗", "unknown": "?"}.get(status, "–")


@register.filter
def status_label(status: str) -> str:
    return engine_labels.status_label(status)


@register.simple_tag(takes_context=True)
def enterprise_tier_ladder(context: template.Context, enterprise_id: int):
    """The tier ladder of an enterprise the signed-in person may see (None otherwise), for the home page."""
    from littlegiant.assessment.services import enterprise_tier_ladder as ladder_for

    request = context.get("request")
    if request is None or not enterprise_id:
        return None
    return ladder_for(request.user, int(enterprise_id))


FORMAT_LABELS = {"xlsx": "Excel", "csv": "CSV", "parquet": "Parquet"}


@register.filter
def download_formats(run: object) -> list[tuple[str, str]]:
    """A finished screening's download formats with their labels (Excel only while the rows fit a sheet)."""
    from littlegiant.assessment.services import result_formats

    return [(fmt, FORMAT_LABELS[fmt]) for fmt in result_formats(run)]  # type: ignore[arg-type]
