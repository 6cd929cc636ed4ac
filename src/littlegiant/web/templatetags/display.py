"""How numbers, money and yes/no read on a page, in one place (issue 11, item 7).

`{% load display %}` then `{{ ratio|percent }}`, `{{ amount|money }}`, `{{ flag|yes_no }}`. Chinese pages write
large amounts in 万元 (ten thousand yuan), as Chinese forms and notices do; English pages write yuan in full.
Exports never go through these: they keep the stored values and ids.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import template
from django.utils.translation import get_language
from django.utils.translation import gettext as _

register = template.Library()

EMPTY = "–"
TEN_THOUSAND = Decimal(10_000)


def _decimal(value: object) -> Decimal | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def _chinese() -> bool:
    return (get_language() or "").startswith("zh")


@register.filter
def percent(value: object, places: int = 2) -> str:
    """A stored fraction (0.028) as a percentage ("2.80%"); unknown as a dash."""
    number = _decimal(value)
    if number is None:
        return EMPTY
    return f"{number * 100:,.{int(places)}f}%"


@register.filter
def money(value: object) -> str:
    """An amount in yuan: "9,860.00 万元" on Chinese pages from 10,000 yuan up, else "98,600,000 yuan"."""
    number = _decimal(value)
    if number is None:
        return EMPTY
    if _chinese():
        if abs(number) >= TEN_THOUSAND:
            return f"{number / TEN_THOUSAND:,.2f} 万元"
        return f"{number:,.2f} 元"
    whole = number == number.to_integral_value()
    return _("%(amount)s yuan") % {"amount": f"{number:,.0f}" if whole else f"{number:,.2f}"}


@register.filter
def yuan(value: object) -> str:
    """An amount in yuan with separators and two decimals, for a column whose header names the unit."""
    number = _decimal(value)
    return EMPTY if number is None else f"{number:,.2f}"


@register.filter
def yes_no(value: object) -> str:
    """A boolean as 是/否 (Yes/No); unknown as a dash, never "None"."""
    if value is None or value == "":
        return EMPTY
    return _("Yes") if value else _("No")
