"""Who may do what with a service request, and why not: each check returns a Decision with a reason.

Enterprises act through their owner or delegate; an institution acts through its staff, and only on requests
that are with it now; administrators may reassign a request nobody can take.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from django.utils.translation import gettext as _

from littlegiant.accounts.jurisdiction import is_administrator, is_official
from littlegiant.enterprises.permissions import SPEAKS_FOR, member_role
from littlegiant.permissions import ALLOWED, Decision, is_signed_in
from littlegiant.services.models import InstitutionStaff, RequestStatus, StaffRole

if TYPE_CHECKING:
    from littlegiant.accounts.models import User
    from littlegiant.enterprises.models import Enterprise
    from littlegiant.services.models import ServiceInstitution, ServiceRequest

RequestAction = Literal[
    "accept",
    "decline",
    "transfer",
    "refer",
    "log_session",
    "record_outcome",
    "close",
    "rate",
    "withdraw",
    "attach",
]
STAFF_ACTIONS = frozenset(
    {"accept", "decline", "transfer", "refer", "log_session", "record_outcome", "close"}
)
# Filing and rating speak for the enterprise: contributors only enter data.
FILING_ROLES = SPEAKS_FOR


def staff_role(user: User, institution: ServiceInstitution | None) -> str | None:
    """The user's staff role at this institution, or None."""
    if institution is None or not is_signed_in(user):
        return None
    return (
        InstitutionStaff.objects.filter(user=user, institution=institution)
        .values_list("role", flat=True)
        .first()
    )


def filing_decision(user: User, enterprise: Enterprise) -> Decision:
    """Whether the user may file a service request for this enterprise."""
    if not (user.is_authenticated and user.is_active):
        return Decision(False, _("Sign in first."))
    role = member_role(user, enterprise)
    if role in FILING_ROLES:
        return ALLOWED
    if role:
        return Decision(False, _("Only the enterprise's owner or a delegate may file service requests."))
    return Decision(False, _("You do not act for this enterprise."))


def request_decision(user: User, action: RequestAction, request: ServiceRequest) -> Decision:
    """Whether the user may take this action on this request now, with the reason for a refusal."""
    if not (user.is_authenticated and user.is_active):
        return Decision(False, _("Sign in first."))
    if action in STAFF_ACTIONS:
        return _staff_decision(user, action, request)
    role = member_role(user, request.enterprise)
    if role not in FILING_ROLES:
        return Decision(False, _("Only the requesting enterprise's owner or a delegate may do this."))
    if action == "rate":
        if request.status != RequestStatus.CLOSED:
            return Decision(False, _("A request can be rated once it is closed."))
        if hasattr(request, "rating"):
            return Decision(False, _("This request has already been rated; a request is rated once."))
        return ALLOWED
    if not request.is_open:
        return Decision(False, _("This request is no longer open."))
    return ALLOWED


def _staff_decision(user: User, action: RequestAction, request: ServiceRequest) -> Decision:
    if action == "transfer" and is_administrator(user) and request.is_open:
        # An administrator places requests that no institution could take (or moves stuck ones).
        return ALLOWED
    if request.institution_id is None:
        return Decision(False, _("This request is not with any institution."))
    role = staff_role(user, request.institution)
    if role not in {StaffRole.MANAGER, StaffRole.COUNSELLOR}:
        return Decision(
            False,
            _("Only staff of %(institution)s may act on this request.")
            % {"institution": request.institution},
        )
    status = request.status
    if action in {"accept", "decline"}:
        if status != RequestStatus.ROUTED:
            return Decision(False, _("Only a request awaiting an answer can be accepted or declined."))
        return ALLOWED
    if action in {"transfer", "refer"}:
        if status not in {RequestStatus.ROUTED, RequestStatus.ACCEPTED}:
            return Decision(False, _("Only an open request can be transferred or referred."))
        if action == "refer" and request.institution.parent_id is None:
            return Decision(
                False,
                _("%(institution)s has no parent institution to refer to.")
                % {"institution": request.institution},
            )
        return ALLOWED
    if status != RequestStatus.ACCEPTED:
        return Decision(
            False, _("Accept the request first: sessions, outcomes and closing need an accepted request.")
        )
    return ALLOWED


def can_manage_catalogue(user: User, institution: ServiceInstitution) -> Decision:
    """Whether the user may change this institution's offerings (its managers, or an administrator)."""
    if is_administrator(user):
        return ALLOWED
    if staff_role(user, institution) == StaffRole.MANAGER:
        return ALLOWED
    return Decision(
        False, _("Only a manager of %(institution)s may change its catalogue.") % {"institution": institution}
    )


def oversees_network(user: User) -> bool:
    """Reviewers and administrators oversee the network (coverage, scorecards) within their jurisdiction."""
    return is_official(user)
