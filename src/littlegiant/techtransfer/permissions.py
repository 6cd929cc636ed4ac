"""Who may do what in technology transfer, and why not: every refusal carries a reason for the person
refused."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from django.utils.translation import gettext as _

from littlegiant.accounts.jurisdiction import covers_region, is_administrator
from littlegiant.enterprises.permissions import EVERY_MEMBER, SPEAKS_FOR, member_role
from littlegiant.permissions import ALLOWED, Decision, ensure, is_signed_in

if TYPE_CHECKING:
    from littlegiant.accounts.models import User
    from littlegiant.enterprises.models import Enterprise
    from littlegiant.techtransfer.models import Licence, PatentListing, ResearchInstitution

# Owners and delegates commit the enterprise to a licence; any member may ask, pass and report figures.
COMMITTING_ROLES = SPEAKS_FOR
MEMBER_ROLES = EVERY_MEMBER

ListingAction = Literal["edit", "answer", "offer"]
EnterpriseAction = Literal["enquire", "accept", "report"]
LicenceAction = Literal["view", "accept", "report", "manage"]


__all__ = ["ALLOWED", "Decision", "ensure"]  # re-exported for this app's services, views and imports


def is_officer_of(user: User, institution: ResearchInstitution | int) -> bool:
    """Whether the user is a tech-transfer officer of this institution."""
    institution_id = institution if isinstance(institution, int) else institution.pk
    return is_signed_in(user) and user.transfer_offices.filter(institution_id=institution_id).exists()


def institution_decision(user: User, institution: ResearchInstitution) -> Decision:
    """Whether the user may list and license this institution's patents."""
    if not is_signed_in(user):
        return Decision(False, _("Sign in first."))
    if is_officer_of(user, institution):
        return ALLOWED
    return Decision(
        False,
        _("Only the tech-transfer officers of %(institution)s manage its patents.")
        % {"institution": institution.name},
    )


def listing_decision(user: User, action: ListingAction, listing: PatentListing) -> Decision:
    """Edit the listing, answer enquiries on it, offer varied terms: its institution's officers only.

    Every listing action has the same answer today; the action is named so that callers say what they do.
    """
    return institution_decision(user, listing.institution)


def enterprise_decision(user: User, action: EnterpriseAction, enterprise: Enterprise) -> Decision:
    """Act for an enterprise: any member may enquire and report figures; only owners and delegates accept
    licences."""
    if not is_signed_in(user):
        return Decision(False, _("Sign in first."))
    role = member_role(user, enterprise)
    if role is None:
        return Decision(False, _("You do not act for %(enterprise)s.") % {"enterprise": enterprise.name})
    if action == "accept" and role not in COMMITTING_ROLES:
        return Decision(
            False,
            _("Only the owner or a delegate of %(enterprise)s may accept a licence.")
            % {"enterprise": enterprise.name},
        )
    return ALLOWED


def licence_decision(user: User, action: LicenceAction, licence: Licence) -> Decision:
    """View, accept (an offer), report figures for, or manage (payments, ending) a licence."""
    if not is_signed_in(user):
        return Decision(False, _("Sign in first."))
    if action == "manage":
        return institution_decision(user, licence.listing.institution)
    if action in ("accept", "report"):
        return enterprise_decision(user, action, licence.enterprise)
    if is_administrator(user) or is_officer_of(user, licence.listing.institution_id):
        return ALLOWED
    if member_role(user, licence.enterprise) is not None:
        return ALLOWED
    if covers_region(user, licence.listing.institution.region) and user.reviewer_assignments.exists():
        return ALLOWED
    return Decision(False, _("This licence is not yours to see."))
