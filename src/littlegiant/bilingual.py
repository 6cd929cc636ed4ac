"""The one place that chooses between a Chinese and an English label by the active language.

Reference data, the field schema and the rule packs carry both spellings (`label_zh`/`label_en`,
`name_zh`/`name_en`); pages and mails pick one here so that no view tests `get_language()` itself.
"""

from __future__ import annotations

from django.utils.translation import get_language


def is_chinese() -> bool:
    """Whether the active language is Chinese (any zh-* variant)."""
    return (get_language() or "").lower().startswith("zh")


def choose(zh: str, en: str) -> str:
    """The label in the active language; the other spelling when the chosen one is empty."""
    first, second = (zh, en) if is_chinese() else (en, zh)
    return first or second


def label_of(item: object, attribute: str = "label") -> str:
    """`item.<attribute>_zh` or `item.<attribute>_en`, whichever the active language reads."""
    return choose(
        str(getattr(item, f"{attribute}_zh", "") or ""), str(getattr(item, f"{attribute}_en", "") or "")
    )
