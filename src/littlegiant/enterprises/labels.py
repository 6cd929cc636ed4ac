"""How canonical fields and their values read on a page: labels in Chinese or English (from the schema)."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from littlegiant.bilingual import label_of
from littlegiant.rules.schema import FIELDS, FIELDS_BY_NAME, TRUE_WORDS, Field, FieldKind

GROUP_TITLES = {
    "identity": _("Identity"),
    "finance": _("Size and finance"),
    "ip": _("Intellectual property"),
    "declared": _("Declared facts, honours and qualitative criteria"),
    "title": _("Titles and evaluations (2026 measures)"),
    "eligibility": _("General eligibility"),
    "rd_tax": _("R&D super-deduction and income tax"),
}

CHOICE_LABELS = {
    "key_link_results": _("Results at a key link (补短板/锻长板/填空白)"),
    "foundation_or_supplier": _("Six foundations, time-honoured brand, or supplier to a chain leader"),
    "none": _("None"),
    "below_municipal": _("Below municipal level"),
    "municipal": _("Municipal"),
    "provincial": _("Provincial or ministerial"),
    "national": _("National"),
    "new": _("New application"),
    "review": _("Review of a title (复核)"),
}


def field_label(field: Field) -> str:
    """The schema's label in the language of the page."""
    return label_of(field)


def fields_by_group(*, include_identity: bool = False) -> list[tuple[str, str, list[Field]]]:
    """(group, title, fields) in schema order."""
    groups: dict[str, list[Field]] = {}
    for field in FIELDS:
        if (field.identity and not include_identity) or not field.filed:
            continue
        groups.setdefault(field.group, []).append(field)
    return [(group, str(GROUP_TITLES.get(group, group)), fields) for group, fields in groups.items()]


def display_value(field: Field, value: object | None) -> str | None:
    """A stored value as a reader sees it; None stays None (the template says unknown/未知)."""
    if value is None:
        return None
    if field.kind == FieldKind.BOOLEAN:
        return str(_("Yes")) if value else str(_("No"))
    if field.kind == FieldKind.ENUM:
        return str(CHOICE_LABELS.get(str(value), value))
    if field.kind == FieldKind.MONEY:
        return f"{Decimal(value):,.2f}".rstrip("0").rstrip(".")  # type: ignore[arg-type]
    if field.kind == FieldKind.FRACTION:
        percent = (Decimal(value) * 100).normalize()  # type: ignore[arg-type]
        return f"{format(percent, 'f')}% ({format(Decimal(value).normalize(), 'f')})"  # type: ignore[arg-type]
    if field.kind in {FieldKind.NUMBER}:
        return format(Decimal(value).normalize(), "f")  # type: ignore[arg-type]
    return str(value)


def display_named_value(name: str, value: object | None) -> object | None:
    """A value of the canonical field `name` as a reader sees it, including snapshot values stored as text
    ("False" is no, not a true string); a name outside the schema keeps its value."""
    field = FIELDS_BY_NAME.get(name)
    if field is None or value is None:
        return value
    if field.kind == FieldKind.BOOLEAN and isinstance(value, str):
        value = value.strip().lower() in TRUE_WORDS
    return display_value(field, value)
