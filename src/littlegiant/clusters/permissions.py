"""Who may run a cluster: the county SME authority of its county (a role scoped to a county), and the
reviewers whose jurisdiction holds the county."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from littlegiant.accounts.jurisdiction import covers_region, is_administrator
from littlegiant.accounts.roles import Role
from littlegiant.permissions import ALLOWED, Decision, is_signed_in

if TYPE_CHECKING:
    from littlegiant.accounts.models import User
    from littlegiant.clusters.models import Cluster
    from littlegiant.reference.models import Region


def acts_for_county(user: User, county: Region) -> bool:
    if not is_signed_in(user):
        return False
    return user.county_authorities.filter(county=county).exists()


def manage_cluster(user: User, cluster: Cluster | None = None, *, county: Region | None = None) -> Decision:
    """The county authority of the cluster's county (or an administrator) manages it and applies for it."""
    county = cluster.county if cluster is not None else county
    if is_administrator(user) or (county is not None and acts_for_county(user, county)):
        return ALLOWED
    return Decision.refuse(_("Only the county SME authority of this cluster's county manages it."))


def view_cluster(user: User, cluster: Cluster) -> Decision:
    if is_administrator(user) or acts_for_county(user, cluster.county) or covers_region(user, cluster.county):
        return ALLOWED
    return Decision.refuse(_("This cluster is outside your jurisdiction."))


def forward_reports(user: User, cluster: Cluster) -> Decision:
    """A provincial reviewer whose jurisdiction holds the cluster's county forwards its reports to the ministry
    (or sends them back): criteria.md §8.4, "the provincial authority submits each cluster's report"."""
    if (
        is_signed_in(user)
        and user.reviewer_assignments.filter(level="provincial").exists()
        and covers_region(user, cluster.county)
    ):
        return ALLOWED
    return Decision.refuse(_("Only the provincial authority of this cluster forwards its report."))


def county_authority_roles(user: User) -> list[Role]:
    return [
        Role("county_authority", _("County SME authority"), authority.county.name, authority.county_id)
        for authority in user.county_authorities.select_related("county")
    ]
