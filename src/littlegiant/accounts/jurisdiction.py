"""Who may see what by region: the jurisdiction behind every `for_user()` queryset.

A reviewer sees what lies inside the region of one of their assignments (a national reviewer: everything);
an administrator sees everything. What a person sees because they act for an enterprise is the enterprise's
business (`enterprises.permissions`), which builds on this module and not the other way round.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q

from littlegiant.permissions import is_signed_in

if TYPE_CHECKING:
    from littlegiant.accounts.models import User
    from littlegiant.reference.models import Region

NOTHING = Q(pk__in=[])


def is_administrator(user: User) -> bool:
    """Whether the user is an active platform administrator."""
    return bool(is_signed_in(user) and user.is_superuser)


def reviewer_region_paths(user: User) -> list[str] | None:
    """Region paths a reviewer covers; None means the whole country; [] means not a reviewer.

    Read once per user object and kept on it, as Django keeps a user's permissions (`_perm_cache`): one page
    asks several scopes of the same person, and a request loads its user afresh.
    """
    if not is_signed_in(user):
        return []
    try:
        cached: list[str] | None = user._reviewer_region_paths  # type: ignore[attr-defined]
    except AttributeError:
        cached = _read_reviewer_region_paths(user)
        user._reviewer_region_paths = cached  # type: ignore[attr-defined]
    return None if cached is None else list(cached)


def _read_reviewer_region_paths(user: User) -> list[str] | None:
    paths: list[str] = []
    for level, path in user.reviewer_assignments.values_list("level", "region__path"):
        if level == "national":
            return None
        paths.append(path)
    return paths


def at_reviewer_levels(user: User, *, level_field: str, region_path_field: str) -> Q:
    """Rows at one of the reviewer's levels inside that assignment's region (a national assignment: anywhere).

    Unlike `region_scope`, the level matters: a provincial reviewer acts at the provincial stage of their
    province, not at the municipal stage of a city inside it.
    """
    condition = NOTHING
    for level, path in user.reviewer_assignments.values_list("level", "region__path"):
        if path is None:
            condition |= Q(**{level_field: level})
        else:
            condition |= Q(**{level_field: level, f"{region_path_field}__startswith": path})
    return condition


def is_official(user: User) -> bool:
    """Reviewers and administrators: the officials who oversee (screen, see coverage) within a jurisdiction."""
    return is_administrator(user) or reviewer_region_paths(user) != []


def sees_everywhere(user: User) -> bool:
    """Administrators and national reviewers: their region scope is the whole country."""
    return is_administrator(user) or reviewer_region_paths(user) is None


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


def within_region(region: Region, *, region_field: str) -> Q:
    """A filter keeping rows whose `region_field` lies inside `region` (the region itself or below it): one
    assignment's area, where `region_scope` is the union of all of a person's."""
    return Q(**{f"{region_field}__path__startswith": region.path})


def covers_region(user: User, region: Region) -> bool:
    """Whether the user's reviewer jurisdiction (or administrator role) covers this region."""
    if is_administrator(user):
        return True
    paths = reviewer_region_paths(user)
    if paths is None:
        return True
    return any(region.path.startswith(path) for path in paths)
