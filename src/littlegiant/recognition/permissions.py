"""Who may act on an application, a stage, a notice or a recognition, and why not.

A reviewer acts only at the stage of their level and inside their region: a municipal stage is covered by the
enterprise's prefecture, a provincial stage by its province, the national stage by a national reviewer.
Every check returns a `Decision` whose reason explains a refusal; services raise it as PermissionDenied.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils.translation import gettext as _

from littlegiant.accounts.jurisdiction import NOTHING
from littlegiant.accounts.models import ReviewerAssignment
from littlegiant.clusters.permissions import manage_cluster
from littlegiant.enterprises.permissions import enterprise_decision
from littlegiant.permissions import ALLOWED, Decision
from littlegiant.recognition.models import AWAITING_REVIEW, Application, ApplicationStatus

if TYPE_CHECKING:
    from littlegiant.accounts.models import User
    from littlegiant.recognition.models import Recognition, ReviewStage
    from littlegiant.reference.models import Region

# The statuses a reviewer decides on: read off the status graph, as the queue is.
REVIEWABLE = frozenset(AWAITING_REVIEW)


def acting_assignment(user: User, level: str, region: Region | None) -> ReviewerAssignment | None:
    """The user's assignment at this level whose region contains `region` (None: any at the level)."""
    if not (user.is_authenticated and user.is_active):
        return None
    for assignment in user.reviewer_assignments.filter(level=level).select_related("region"):
        if _covers(assignment, region):
            return assignment
    return None


def _covers(assignment: ReviewerAssignment, region: Region | None) -> bool:
    """Whether the assignment's region contains `region` (a national assignment, or no region: always)."""
    return assignment.region_id is None or region is None or region.path.startswith(assignment.region.path)


def within_assignment(assignment: ReviewerAssignment, *, path_field: str) -> Q:
    """Rows whose region path (`path_field`) lies inside this assignment's region (all rows for a national
    one): the one spelling of a reviewer's jurisdiction as a filter in recognition."""
    if assignment.region_id is None:
        return Q()
    return Q(**{f"{path_field}__startswith": assignment.region.path})


def assignment_scope(user: User, level: str, *, path_field: str) -> Q:
    """Rows inside any of the user's assignments at this level: what a reviewer sees at a stage of that level.
    Nothing for a user without one."""
    condition = NOTHING
    for assignment in user.reviewer_assignments.filter(level=level).select_related("region"):
        condition |= within_assignment(assignment, path_field=path_field)
    return condition


def apply_decision(user: User, application: Application) -> Decision:
    """Whether the user may edit, upload evidence for and submit this application (a cluster's: its county
    SME authority)."""
    if application.cluster_id:
        decision = manage_cluster(user, application.cluster)
    else:
        decision = enterprise_decision(user, "apply", application.enterprise)
    if not decision:
        return decision
    if application.status not in {ApplicationStatus.DRAFT, ApplicationStatus.RETURNED}:
        return Decision(
            False,
            _("This application is %(status)s: only a draft or a returned application can be changed.")
            % {"status": application.get_status_display()},
        )
    return ALLOWED


def review_decision(user: User, application: Application) -> Decision:
    """Whether the user may decide on this application at its current stage."""
    if not (user.is_authenticated and user.is_active):
        return Decision(False, _("Sign in first."))
    stage = application.current_stage
    if application.status not in REVIEWABLE or stage is None:
        return Decision(
            False,
            _("This application is %(status)s: there is nothing to decide.")
            % {"status": application.get_status_display()},
        )
    # One read of the reviewer's assignments answers all three questions (a reviewer? at this level? here?):
    # the application page asks them on every view.
    assignments = list(user.reviewer_assignments.select_related("region"))
    if not assignments:
        return Decision(False, _("Only reviewers decide on applications."))
    at_level = [assignment for assignment in assignments if assignment.level == stage.level]
    if not any(_covers(assignment, application.region) for assignment in at_level):
        if at_level:
            return Decision(
                False,
                _("This enterprise is outside your jurisdiction at the %(level)s stage.")
                % {"level": stage.get_level_display()},
            )
        return Decision(
            False,
            _("This application is at the %(level)s stage; you review at another level.")
            % {"level": stage.get_level_display()},
        )
    return ALLOWED


def stage_decision(user: User, stage: ReviewStage) -> Decision:
    """Whether the user reviews at this stage's level (to draw spot checks, publish notices, recognise)."""
    if not (user.is_authenticated and user.is_active):
        return Decision(False, _("Sign in first."))
    if acting_assignment(user, stage.level, None) is None:
        return Decision(
            False, _("Only %(level)s reviewers act at this stage.") % {"level": stage.get_level_display()}
        )
    return ALLOWED


def recognition_decision(user: User, recognition: Recognition) -> Decision:
    """Whether the user manages (assesses changes, revokes) this title: the recognising reviewer."""
    stage = recognition.application.programme.stages.order_by("-order").first()
    if stage is None or acting_assignment(user, stage.level, recognition.application.region) is None:
        return Decision(
            False, _("Only the reviewers of the recognising level, in this region, manage this title.")
        )
    return ALLOWED


def member_decision(user: User, recognition: Recognition) -> Decision:
    """Whether the user acts for the recognised enterprise (annual updates, change reports), or for a recognised
    cluster's county SME authority."""
    if recognition.cluster_id:
        decision = manage_cluster(user, recognition.cluster)
    else:
        decision = enterprise_decision(user, "apply", recognition.enterprise)
    if not decision:
        return decision
    if recognition.revoked_at is not None:
        return Decision(False, _("This title has been revoked."))
    return ALLOWED


def role_of(user: User | None, application: Application | None = None) -> tuple[str, str]:
    """The role and region code an event records for this actor."""
    if user is None:
        return "system", ""
    if application is not None:
        if application.cluster_id:
            if user.county_authorities.filter(county=application.cluster.county_id).exists():
                return "county_authority", application.cluster.county_id
        elif application.enterprise.memberships.filter(user=user).exists():
            return "enterprise", application.region_id or application.enterprise.region_id
        stage = application.current_stage
        if stage is not None:
            assignment = acting_assignment(user, stage.level, application.region)
            if assignment is not None:
                return f"reviewer:{assignment.level}", assignment.region_id or ""
    assignment = user.reviewer_assignments.first() if user.is_authenticated else None
    if assignment is not None:
        return f"reviewer:{assignment.level}", assignment.region_id or ""
    if hasattr(user, "expert"):
        return "expert", ""
    if user.is_superuser:
        return "administrator", ""
    return "user", ""
