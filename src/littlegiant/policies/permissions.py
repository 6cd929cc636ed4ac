"""Who may read, manage and run support policies, and why not (Decisions with reasons)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils.translation import gettext as _

from littlegiant.accounts.jurisdiction import (
    NOTHING,
    covers_region,
    is_administrator,
    is_official,
    region_scope,
    reviewer_region_paths,
    sees_everywhere,
)
from littlegiant.permissions import ALLOWED, Decision, is_signed_in

if TYPE_CHECKING:
    from littlegiant.accounts.models import User
    from littlegiant.policies.models import Policy
    from littlegiant.reference.models import Region


def _codes_above(paths: list[str]) -> set[str]:
    """Every region code on the way down to these paths (a province, its city, the county itself)."""
    return {code for path in paths for code in path.split("/") if code}


def policy_scope(user: User) -> Q:
    """A filter on Policy: what the user may read (see PolicyQuerySet.for_user)."""
    if not is_signed_in(user):
        return NOTHING
    if is_administrator(user):
        return Q()
    paths = reviewer_region_paths(user)
    if paths is None:
        return Q()
    scope = NOTHING
    member_paths = list(user.memberships.values_list("enterprise__region__path", flat=True))
    if paths or member_paths:
        # Issued inside the jurisdiction, or issued above a region the user covers or an enterprise sits in.
        scope = Q(region__isnull=True) | Q(region_id__in=_codes_above(paths + member_paths))
    if paths:
        scope |= region_scope(user, region_field="region")
    return scope


def managed_scope(user: User) -> Q:
    """A filter on Policy: what the user may change (issued for a region inside their jurisdiction)."""
    if not is_official(user):
        return NOTHING
    return region_scope(user, region_field="region") & (
        Q() if sees_everywhere(user) else Q(region__isnull=False)
    )


def can_author(user: User) -> Decision:
    """Whether the user may issue policies at all (officials, each for their own jurisdiction)."""
    if is_official(user):
        return ALLOWED
    return Decision.refuse(_("Only officials manage support policies."))


def can_issue(user: User, region: Region | None) -> Decision:
    """Whether the user may issue (or move) a policy for this region; None is the whole country."""
    if not is_official(user):
        return Decision.refuse(_("Only officials manage support policies."))
    if region is None:
        if sees_everywhere(user):
            return ALLOWED
        return Decision.refuse(_("Only national officials and administrators issue national policies."))
    if covers_region(user, region):
        return ALLOWED
    return Decision.refuse(_("%(region)s lies outside your jurisdiction.") % {"region": region.name})


def can_manage(user: User, policy: Policy) -> Decision:
    """Whether the user may edit or withdraw this policy."""
    return can_issue(user, policy.region)


def can_run(user: User) -> Decision:
    """Whether the user may list the qualifying enterprises of a jurisdiction (免申即享) and notify them."""
    if is_official(user):
        return ALLOWED
    return Decision.refuse(_("Only officials list the enterprises that qualify for a policy."))
