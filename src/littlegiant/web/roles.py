"""The roles a person holds, for the home page and the navigation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from littlegiant.accounts.models import User


@dataclass(frozen=True, slots=True)
class Role:
    """One hat a person wears: what it is, and where it acts (an enterprise, a region, an institution)."""

    kind: str  # administrator, enterprise, reviewer, institution_staff, transfer_officer
    label: str
    scope: str
    object_id: int | str | None = None


def roles_of(user: User) -> list[Role]:
    roles: list[Role] = []
    if not user.is_authenticated:
        return roles
    if user.is_superuser:
        roles.append(Role("administrator", _("Administrator"), _("Whole platform")))
    for membership in user.memberships.select_related("enterprise"):
        enterprise = membership.enterprise
        roles.append(Role("enterprise", membership.get_role_display(), enterprise.name, enterprise.pk))
    for assignment in user.reviewer_assignments.select_related("region"):
        scope = assignment.region.name if assignment.region_id else _("Whole country")
        label = _("%(level)s reviewer") % {"level": assignment.get_level_display()}
        roles.append(Role("reviewer", label, scope, assignment.region_id))
    roles.extend(_roles_from_apps(user))
    return roles


def _roles_from_apps(user: User) -> list[Role]:
    """Roles held in the service network and in technology transfer, each app saying its own."""
    from littlegiant.services.roles import service_roles_of
    from littlegiant.techtransfer.roles import transfer_roles_of

    return [*service_roles_of(user), *transfer_roles_of(user)]
