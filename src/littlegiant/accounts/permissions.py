"""Object permissions on enterprises: who may view, edit or apply for one, and why not.

Every check returns a `Decision` whose `reason` explains a refusal in the user's language; `ensure_can`
raises PermissionDenied with that reason, for services to call before a state change.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from littlegiant.accounts.jurisdiction import covers_region, is_administrator

if TYPE_CHECKING:
    from littlegiant.accounts.models import User
    from littlegiant.enterprises.models import Enterprise

EnterpriseAction = Literal["view", "edit", "apply"]
ENTERPRISE_ACTIONS: tuple[EnterpriseAction, ...] = ("view", "edit", "apply")
# Who may do what for an enterprise they belong to: contributors enter data, only owners and delegates apply.
MEMBER_ROLES_FOR: dict[EnterpriseAction, frozenset[str]] = {
    "view": frozenset({"owner", "delegate", "contributor"}),
    "edit": frozenset({"owner", "delegate", "contributor"}),
    "apply": frozenset({"owner", "delegate"}),
}


@dataclass(frozen=True, slots=True)
class Decision:
    """Allowed or not, and the reason when not."""

    allowed: bool
    reason: str = ""

    def __bool__(self) -> bool:
        return self.allowed


ALLOWED = Decision(True)


def _membership_role(user: User, enterprise: Enterprise) -> str | None:
    return enterprise.memberships.filter(user=user).values_list("role", flat=True).first()


def enterprise_decision(user: User, action: EnterpriseAction, enterprise: Enterprise) -> Decision:
    """Whether the user may view, edit or apply for this enterprise, with the reason for a refusal."""
    if action not in ENTERPRISE_ACTIONS:
        raise ValueError(
            f"unknown enterprise action {action!r}; expected one of {', '.join(ENTERPRISE_ACTIONS)}"
        )
    if not (user.is_authenticated and user.is_active):
        return Decision(False, _("Sign in first."))
    role = _membership_role(user, enterprise)
    if role in MEMBER_ROLES_FOR[action]:
        return ALLOWED
    if action == "view":
        if is_administrator(user) or covers_region(user, enterprise.region):
            return ALLOWED
        return Decision(False, _("This enterprise is outside your jurisdiction and you do not act for it."))
    if action == "edit":
        if is_administrator(user):
            return ALLOWED
        return Decision(False, _("Only people who act for this enterprise may change its data."))
    if role is not None:
        return Decision(
            False, _("Only the owner or a delegate may apply for this enterprise; you are a contributor.")
        )
    return Decision(False, _("Only the owner or a delegate of this enterprise may apply for it."))


def ensure_can(user: User, action: EnterpriseAction, enterprise: Enterprise) -> None:
    """Raise PermissionDenied, with the reason, unless the user may do this to the enterprise."""
    decision = enterprise_decision(user, action, enterprise)
    if not decision:
        raise PermissionDenied(decision.reason)
