"""Who may view, change or apply for an enterprise, and why not; the membership roles, in one place.

Every check returns a `littlegiant.permissions.Decision`; services call `ensure(...)` on it. Other apps build
on `member_role`, `MEMBER_ROLES_FOR` and `enterprise_scope` instead of reading memberships themselves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from littlegiant.accounts.jurisdiction import NOTHING, covers_region, is_administrator, region_scope
from littlegiant.accounts.roles import Role
from littlegiant.permissions import ALLOWED, Decision, is_signed_in

if TYPE_CHECKING:
    from littlegiant.accounts.models import User
    from littlegiant.enterprises.models import Enterprise


class MembershipRole(models.TextChoices):
    """How a person acts for an enterprise (defined here, beside what each role may do; models import it)."""

    OWNER = "owner", gettext_lazy("Owner")
    DELEGATE = "delegate", gettext_lazy("Delegate")
    CONTRIBUTOR = "contributor", gettext_lazy("Contributor")


EnterpriseAction = Literal["view", "change", "apply"]
ENTERPRISE_ACTIONS: tuple[EnterpriseAction, ...] = ("view", "change", "apply")
# Who may do what for an enterprise they belong to: contributors enter data, only owners and delegates
# speak for the enterprise (apply, file service requests, accept licences, rate).
EVERY_MEMBER = frozenset({MembershipRole.OWNER, MembershipRole.DELEGATE, MembershipRole.CONTRIBUTOR})
SPEAKS_FOR = frozenset({MembershipRole.OWNER, MembershipRole.DELEGATE})
MEMBER_ROLES_FOR: dict[EnterpriseAction, frozenset[str]] = {
    "view": EVERY_MEMBER,
    "change": EVERY_MEMBER,
    "apply": SPEAKS_FOR,
}


def member_role(user: User, enterprise: Enterprise | int) -> str | None:
    """The user's membership role at this enterprise (owner, delegate, contributor), or None."""
    if not is_signed_in(user):
        return None
    enterprise_id = enterprise if isinstance(enterprise, int) else enterprise.pk
    return user.memberships.filter(enterprise_id=enterprise_id).values_list("role", flat=True).first()


def enterprise_decision(user: User, action: EnterpriseAction, enterprise: Enterprise) -> Decision:
    """Whether the user may view, change or apply for this enterprise, with the reason for a refusal."""
    if action not in ENTERPRISE_ACTIONS:
        raise ValueError(
            f"unknown enterprise action {action!r}; expected one of {', '.join(ENTERPRISE_ACTIONS)}"
        )
    if not is_signed_in(user):
        return Decision(False, _("Sign in first."))
    role = member_role(user, enterprise)
    if role in MEMBER_ROLES_FOR[action]:
        return ALLOWED
    if action == "view":
        if is_administrator(user) or covers_region(user, enterprise.region):
            return ALLOWED
        return Decision(False, _("This enterprise is outside your jurisdiction and you do not act for it."))
    if action == "change":
        if is_administrator(user):
            return ALLOWED
        return Decision(
            False,
            _(
                "Only the enterprise's owner, delegates and contributors, or an administrator, may change its data."
            ),
        )
    if role is not None:
        return Decision(
            False, _("Only the owner or a delegate may apply for this enterprise; you are a contributor.")
        )
    return Decision(False, _("Only the owner or a delegate of this enterprise may apply for it."))


def enterprise_scope(user: User, *, prefix: str, roles: frozenset[str] | None = None) -> Q:
    """A filter keeping enterprises (reached through `prefix`, e.g. "enterprise__") the user may see.

    With `roles`, only the enterprises the user acts for in one of those roles (no region scope): what they
    may act for rather than what they may see.
    """
    if not is_signed_in(user):
        return NOTHING
    memberships = user.memberships.all()
    if roles is not None:
        return Q(**{f"{prefix}pk__in": memberships.filter(role__in=roles).values("enterprise_id")})
    if is_administrator(user):
        return Q()
    by_region = region_scope(user, region_field=f"{prefix}region")
    if by_region == Q():
        return Q()
    # A subquery rather than a join, so that rows are never repeated for several memberships.
    return by_region | Q(**{f"{prefix}pk__in": memberships.values("enterprise_id")})


def membership_roles(user: User) -> list[Role]:
    """One enterprise role per membership, for the home page (registered with `accounts.roles`)."""
    return [
        Role(
            "enterprise", membership.get_role_display(), membership.enterprise.name, membership.enterprise_id
        )
        for membership in user.memberships.select_related("enterprise")
    ]
