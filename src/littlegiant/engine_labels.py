"""The words of the criteria engine's results, as a reader sees them: tiers, outcomes, criterion statuses.

The engine (`rules/`) speaks in codes and knows nothing of Django's translations; every page, export and
mail that shows a result names it through this one module, so "not met" is worded the same everywhere.
The template filters `outcome_label` and `criterion_status_label` (assessment's, recognition's) are these
functions. The Chinese words follow the official texts: 符合 / 不符合 for an outcome, 满足 / 未满足 for a criterion.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

TIER_LABELS = {
    "innovative_sme": _("innovative SME"),
    "srdi_sme": _("SRDI SME"),
    "little_giant": _("SRDI “little giant”"),
}
OUTCOME_LABELS = {
    "qualified": _("Qualified"),
    "not_qualified": _("Not qualified"),
    "insufficient_data": _("Insufficient data"),
    "large": _("Large enterprise"),
    "medium": _("Medium enterprise"),
    "small": _("Small enterprise"),
    "micro": _("Micro enterprise"),
    # A calculation pack's outcomes (the R&D super-deduction, enterprise-data.md).
    "eligible": _("Eligible for the super-deduction"),
    "not_eligible": _("Excluded industry: no super-deduction"),
    "not_applicable": _("Tax year before 2023: outside this calculation"),
}
CRITERION_STATUS_LABELS = {
    "met": _("met"),
    "unmet": _("not met"),
    "unknown": _("unknown"),
    "not_evaluated": _("not evaluated"),
}


def tier_label(code: str) -> str:
    """A tier in the reader's language (the code itself when the engine adds one we have no word for)."""
    return str(TIER_LABELS.get(code, code))


def outcome_label(code: str | None) -> str:
    """A pack's outcome (or an enterprise size) in the reader's language; "" when there is none yet."""
    if not code:
        return ""
    return str(OUTCOME_LABELS.get(code, code))


def status_label(code: str | None) -> str:
    """A criterion's status (met, not met, unknown, not evaluated) in the reader's language."""
    if not code:
        return ""
    return str(CRITERION_STATUS_LABELS.get(code, code))
