"""Who may see what: the jurisdiction behind every `for_user()` queryset.

A reviewer sees what lies inside the region of one of their assignments (a national reviewer: everything);
an enterprise member sees the enterprises they act for; an administrator sees everything.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q

if TYPE_CHECKING:
    from littlegiant.accounts.models import User
    from littlegiant.reference.models import Region

NOTHING = Q(pk__in=[])


def is_administrator(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


def reviewer_region_paths(user: User) -> list[str] | None:
    """Region paths a reviewer covers; None means the whole country; [] means not a reviewer."""
    if not (user.is_authenticated and user.is_active):
        return []
    paths: list[str] = []
    for level, path in user.reviewer_assignments.values_list("level", "region__path"):
        if level == "national":
            return None
        paths.append(path)
    return paths


def region_scope(user: User, *, region_field: str) -> Q:
    """A filter keeping rows whose `region_field` (a Region foreign key path) lies in the user's jurisdiction.

    Administrators and national reviewers see all rows; a user with no reviewer role sees none
    through this filter.
    """
    if is_administrator(user):
        return Q()
    paths = reviewer_region_paths(user)
    if paths is None:
        return Q()
    condition = NOTHING
    for path in paths:
        condition |= Q(**{f"{region_field}__path__startswith": path})
    return condition


def enterprise_scope(user: User, *, prefix: str) -> Q:
    """A filter keeping enterprises (reached through `prefix`, e.g. "enterprise__") the user may see."""
    if not (user.is_authenticated and user.is_active):
        return NOTHING
    if is_administrator(user):
        return Q()
    by_region = region_scope(user, region_field=f"{prefix}region")
    # A subquery rather than a join, so that rows are never repeated for several memberships.
    from littlegiant.enterprises.models import Membership

    mine = Membership.objects.filter(user=user).values("enterprise_id")
    by_membership = Q(**{f"{prefix}pk__in": mine})
    if by_region == Q():
        return Q()
    return by_region | by_membership


def covers_region(user: User, region: Region) -> bool:
    """Whether the user's reviewer jurisdiction (or administrator role) covers this region."""
    if is_administrator(user):
        return True
    paths = reviewer_region_paths(user)
    if paths is None:
        return True
    return any(region.path.startswith(path) for path in paths)
