"""Template filters for explanation documents: the reader's language, field names, tags, tier ladder."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django import template
from django.utils.translation import gettext as _

from littlegiant import engine_labels
from littlegiant.assessment.services import AmountTotal, result_formats, screening_totals
from littlegiant.assessment.services import enterprise_tier_ladder as ladder_for
from littlegiant.bilingual import choose, is_chinese, label_of
from littlegiant.enterprises.labels import CHOICE_LABELS
from littlegiant.rules import PackNotFound, registry
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


register.filter("outcome_label", engine_labels.outcome_label)


@register.filter
def outcome_chart(run: object) -> dict[str, object]:
    """A screening's counts by outcome, for an ECharts bar chart, labels in the reader's language."""
    summary: dict[str, dict[str, int]] = getattr(run, "summary", {}) or {}
    outcomes: list[str] = []
    for counts in summary.values():
        outcomes.extend(o for o in counts if o not in outcomes)
    return {
        "categories": [engine_labels.outcome_label(o) for o in outcomes],
        "series": [
            {"name": pack_title(pack_id), "data": [counts.get(o, 0) for o in outcomes]}
            for pack_id, counts in summary.items()
        ],
    }


@register.filter
def pack_title(pack_id: str) -> str:
    """A rule pack's title in the reader's language (the id itself if the pack is gone)."""

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

    request = context.get("request")
    if request is None or not enterprise_id:
        return None
    return ladder_for(request.user, int(enterprise_id))


FORMAT_LABELS = {"xlsx": "Excel", "csv": "CSV", "parquet": "Parquet"}


@register.filter
def download_formats(run: object) -> list[tuple[str, str]]:
    """A finished screening's download formats with their labels (Excel only while the rows fit a sheet)."""

    return [(fmt, FORMAT_LABELS[fmt]) for fmt in result_formats(run)]  # type: ignore[arg-type]


@register.filter
def amount_totals(run: object) -> list[AmountTotal]:
    """A finished screening's totals of a calculation pack's amounts (the tax expenditure), none otherwise."""
    return screening_totals(run)  # type: ignore[arg-type]


@register.filter
def fen(value: object) -> str:
    """An exact amount to the fen, with separators: "1,234,567.89 元" / "1,234,567.89 yuan" (no 万元 rounding:
    a total of the tax expenditure is read to the fen)."""
    amount = _decimal(value)
    if amount is None:
        return "–"
    text = f"{amount.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):,.2f}"
    return f"{text} 元" if is_chinese() else f"{text} yuan"


def _decimal(value: object) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


@register.filter
def money(value: object) -> str:
    """An amount in yuan as people read it: 万元 with separators in Chinese (元 below 1万), yuan in English."""
    amount = _decimal(value)
    if amount is None:
        return "–"
    if not is_chinese():
        return f"{amount:,.2f}".removesuffix(".00") + " yuan"
    if abs(amount) >= 10000:
        wan = (amount / 10000).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        return f"{wan:,.2f}".removesuffix(".00") + " 万元"
    return f"{amount:,.2f}".removesuffix(".00") + " 元"


def _shown(value: object, display: str) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool) or display == "boolean":
        truth = value if isinstance(value, bool) else str(value).lower() == "true"
        return _("yes") if truth else _("no")
    number = _decimal(value)
    if number is None:
        return str(CHOICE_LABELS.get(str(value), value))
    if display == "percent":
        return f"{(number * 100).quantize(Decimal('0.01'), rounding=ROUND_HALF_UP)}%"
    if display == "money":
        return money(number)
    if display == "years":
        years = f"{number.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):,}".removesuffix(".00")
        return f"{years} 年" if is_chinese() else f"{years} years"
    if number == number.to_integral_value():
        return f"{number:,.0f}"
    return f"{number.quantize(Decimal('0.0001'), rounding=ROUND_HALF_UP).normalize():,f}"


@register.filter
def shown_value(criterion: Mapping[str, Any]) -> str:
    """A criterion's computed value as a person reads it (percentages, 万元, yes/no), never a raw decimal."""
    value = criterion.get("value")
    if criterion.get("kind") == "composition":
        return engine_labels.outcome_label(str(value)) if value else "–"
    return _shown(value, str(criterion.get("display") or "number"))


@register.filter
def figure_value(figure: Mapping[str, Any]) -> str:
    """One of the enterprise's figures, formatted by its kind."""
    if figure.get("not_computable"):
        return _("not computable: denominator is zero")
    return _shown(figure.get("value"), str(figure.get("display") or "number"))


@register.filter
def figure_year(figure: Mapping[str, Any], year: object) -> str:
    """The year a figure describes: "2025", "2024 (year before)"; empty for a figure spanning years."""
    offset = figure.get("year_offset")
    if offset is None or year is None:
        return ""
    return str(int(str(year)) - int(offset))


@register.filter
def gap_fields(criterion: Mapping[str, Any]) -> list[str]:
    """The inputs of a criterion an enterprise can edit (those of its filing), for "how to close the gap"."""
    return [
        name
        for name in criterion.get("inputs", {})
        if name in FIELDS_BY_NAME and FIELDS_BY_NAME[name].filed and not FIELDS_BY_NAME[name].identity
    ]


@register.filter
def get_item(mapping: Mapping[str, Any] | None, key: str) -> Any:
    """mapping[key], or None: a dict looked up by a variable key in a template."""
    return (mapping or {}).get(key)


@register.filter
def gap_criteria(document: Mapping[str, Any]) -> set[str]:
    """The criteria that already have a computed gap (so they are not listed twice)."""
    return {gap["criterion"] for gap in document.get("gaps", [])}


@register.filter
def amount_shown(amount: Mapping[str, Any]) -> str:
    """A calculation step's value as written out: yuan to the fen ("1,234,567.89 元"), or a rate as a
    percentage (1.20 is 120%); a dash where it is unknown (D5)."""
    value = _decimal(amount.get("value"))
    if value is None:
        return "–"
    if amount.get("display") == "rate":
        return f"{(value * 100).normalize():f}%"
    text = f"{value:,.2f}"
    return f"{text} 元" if is_chinese() else f"{text} yuan"


@register.filter
def overridden_parameters(document: Mapping[str, Any] | None) -> list[Mapping[str, Any]]:
    """The parameters of a calculation's explanation that a caller set to another value than the pack's."""
    if not document:
        return []
    return [p for p in document.get("parameters", ()) if p.get("overridden")]


@register.filter
def parameter_shown(value: object, display: str) -> str:
    """A parameter's value: a rate as a percentage (1.2 is 120%), a number as written."""
    number = _decimal(value)
    if number is None:
        return "–"
    if display == "rate":
        return f"{(number * 100).normalize():f}%"
    return f"{number.normalize():f}"
