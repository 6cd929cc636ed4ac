"""The roles a person holds (for the home page and the navigation), gathered from every app that grants one.

`accounts` knows administrators and reviewers; the apps above it (enterprise memberships, institution staff,
tech-transfer officers) register a role provider from their `AppConfig.ready()`, so this module never imports
them and `web` only reads the registry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from littlegiant.accounts.models import User


@dataclass(frozen=True, slots=True)
class Role:
    """One hat a person wears: what it is, and where it acts (an enterprise, a region, an institution)."""

    kind: str  # administrator, enterprise, reviewer, institution_staff, transfer_officer, ...
    label: str
    scope: str
    object_id: int | str | None = None


RoleProvider = Callable[["User"], Iterable[Role]]
# (order, provider): the order fixes where an app's roles appear on the home page, whatever the app order.
_PROVIDERS: dict[str, tuple[int, RoleProvider]] = {}


def register_role_provider(name: str, provider: RoleProvider, *, order: int) -> None:
    """Add (or replace, by name) a provider of roles; apps call this from `AppConfig.ready()`."""
    _PROVIDERS[name] = (order, provider)


def administrator_roles(user: User) -> list[Role]:
    """The platform administrator role."""
    return [Role("administrator", _("Administrator"), _("Whole platform"))] if user.is_superuser else []


def reviewer_roles(user: User) -> list[Role]:
    """One reviewer role per assignment (a level and a region)."""
    roles = []
    for assignment in user.reviewer_assignments.select_related("region"):
        scope = assignment.region.name if assignment.region_id else _("Whole country")
        label = _("%(level)s reviewer") % {"level": assignment.get_level_display()}
        roles.append(Role("reviewer", label, scope, assignment.region_id))
    return roles


def roles_of(user: User) -> list[Role]:
    """Every role the person holds, in the registered order (none when signed out)."""
    if not user.is_authenticated:
        return []
    roles: list[Role] = []
    for _order, provider in sorted(_PROVIDERS.values(), key=lambda entry: entry[0]):
        roles.extend(provider(user))
    return roles


register_role_provider("administrator", administrator_roles, order=0)
register_role_provider("reviewer", reviewer_roles, order=20)
