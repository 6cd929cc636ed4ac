"""Which region a viewer's dashboard opens on and may drill into: their jurisdiction, never beyond it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from littlegiant.accounts.jurisdiction import (
    covers_region,
    is_official,
    reviewer_region_paths,
    sees_everywhere,
)
from littlegiant.permissions import ALLOWED, Decision
from littlegiant.reference.models import Region

if TYPE_CHECKING:
    from littlegiant.accounts.models import User


def dashboard_decision(user: User) -> Decision:
    """Officials (reviewers of any level, administrators) see the dashboards of their jurisdiction."""
    if is_official(user):
        return ALLOWED
    return Decision.refuse(_("The dashboards are for officials; the public figures are on the public page."))


def own_regions(user: User) -> list[Region]:
    """The regions of the viewer's assignments (none for national reviewers and administrators)."""
    if sees_everywhere(user):
        return []
    return list(Region.objects.filter(path__in=reviewer_region_paths(user) or []).order_by("code"))


def focus_of(user: User, code: str | None) -> Region | None:
    """The region asked for (404 when it is unknown or outside the jurisdiction, so as not to confirm that it
    exists), or the viewer's own: the country, or their first assignment's region."""
    if code:
        region = Region.objects.filter(code=code).first()
        if region is None or not covers_region(user, region):
            raise Http404(_("No such region in your jurisdiction."))
        return region
    if sees_everywhere(user):
        return None
    regions = own_regions(user)
    if not regions:
        raise PermissionDenied(_("You have no jurisdiction."))
    return regions[0]
