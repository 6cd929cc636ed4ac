"""What each person should do next, for the home page's to-do list (issue 11, item 5).

Built from queries of open work, one function per role, so that the list is right even for work that no notice
announced (a notice can be read and forgotten; a returned application stays returned until it is resubmitted).
`web` sits above the domain apps, so it is the one place that may read all of them at once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from littlegiant.accounts.jurisdiction import at_reviewer_levels
from littlegiant.accounts.roles import Role
from littlegiant.recognition.models import (
    Application,
    ApplicationStatus,
    ExpertReview,
    Objection,
    PublicNotice,
)
from littlegiant.services.models import RequestStatus, ServiceRequest
from littlegiant.techtransfer.models import Enquiry, Licence, LicenceStatus

if TYPE_CHECKING:
    from littlegiant.accounts.models import User

# A notice or a free period this close to its end is worth a line on the home page.
SOON = dt.timedelta(days=7)
LIMIT = 8


@dataclass(frozen=True, slots=True)
class ToDo:
    """One thing to do next: what, where to do it, and by when (urgent ones first)."""

    text: str
    link: str
    due: dt.date | None = None
    urgent: bool = False


def to_dos(user: User, roles: list[Role]) -> list[ToDo]:
    """Every role's next steps, urgent first, then by date."""
    items: list[ToDo] = []
    for role in roles:
        items.extend(_BY_KIND.get(role.kind, _nothing)(user, role))
    return sorted(items, key=lambda item: (not item.urgent, item.due or dt.date.max))[: LIMIT * 2]


def _nothing(user: User, role: Role) -> list[ToDo]:
    return []


def enterprise_to_dos(user: User, role: Role) -> list[ToDo]:
    """Returned applications and drafts, notices the enterprise is under, licences to pay, services to rate."""
    today = timezone.localdate()
    items: list[ToDo] = []
    applications = Application.objects.filter(enterprise_id=role.object_id).select_related("programme")
    for application in applications.filter(status=ApplicationStatus.RETURNED)[:LIMIT]:
        items.append(
            ToDo(
                _("Your application to %(programme)s was returned: correct it and submit again.")
                % {"programme": application.programme.title},
                reverse("recognition:application", args=[application.pk]),
                urgent=True,
            )
        )
    for application in applications.filter(status=ApplicationStatus.DRAFT)[:LIMIT]:
        items.append(
            ToDo(
                _("Finish and submit your draft application to %(programme)s.")
                % {"programme": application.programme.title},
                reverse("recognition:application", args=[application.pk]),
                due=application.programme.applications_close_on,
            )
        )
    notices = PublicNotice.objects.filter(
        concluded_at__isnull=True, entries__application__enterprise_id=role.object_id, ends_on__gte=today
    ).distinct()
    for notice in notices[:LIMIT]:
        items.append(
            ToDo(
                _("Your enterprise is under public notice until %(date)s: %(title)s.")
                % {"date": notice.ends_on.isoformat(), "title": notice.title},
                reverse("recognition:public_notice", args=[notice.pk]),
                due=notice.ends_on,
            )
        )
    licences = Licence.objects.filter(enterprise_id=role.object_id).select_related("listing")
    for licence in licences.filter(status=LicenceStatus.PAYING)[:LIMIT]:
        items.append(
            ToDo(
                _("Licence of %(title)s: report the period's figures and pay the royalty due.")
                % {"title": licence.listing.title},
                reverse("techtransfer:licence", args=[licence.pk]),
                urgent=True,
            )
        )
    trial = licences.filter(status=LicenceStatus.TRIAL, paying_from__lte=today + SOON)
    for licence in trial[:LIMIT]:
        items.append(
            ToDo(
                _("The free period of %(title)s ends on %(date)s; royalties are due from then.")
                % {"title": licence.listing.title, "date": licence.paying_from.isoformat()},
                reverse("techtransfer:licence", args=[licence.pk]),
                due=licence.paying_from,
            )
        )
    unrated = ServiceRequest.objects.filter(
        enterprise_id=role.object_id, status=RequestStatus.CLOSED, rating__isnull=True
    )
    for request in unrated[:LIMIT]:
        items.append(
            ToDo(
                _("Rate the help you received: %(title)s.") % {"title": request.title},
                reverse("services:request", args=[request.pk]),
            )
        )
    return items


def reviewer_to_dos(user: User, role: Role) -> list[ToDo]:
    """Applications waiting at the reviewer's stage, objections to resolve, notices to conclude."""
    today = timezone.localdate()
    items: list[ToDo] = []
    counts = Application.objects.at_stages_of(user).aggregate(
        in_review=Count("pk", filter=Q(status=ApplicationStatus.IN_REVIEW)),
        passed=Count("pk", filter=Q(status=ApplicationStatus.STAGE_PASSED)),
    )
    in_review, passed = counts["in_review"], counts["passed"]
    if in_review:
        items.append(
            ToDo(
                ngettext(
                    "%(count)s application waits for your review.",
                    "%(count)s applications wait for your review.",
                    in_review,
                )
                % {"count": in_review},
                reverse("recognition:queue"),
                urgent=True,
            )
        )
    if passed:
        items.append(
            ToDo(
                ngettext(
                    "%(count)s passed application waits for a public notice.",
                    "%(count)s passed applications wait for a public notice.",
                    passed,
                )
                % {"count": passed},
                reverse("recognition:queue"),
            )
        )
    notices = _notices_of(user)
    objections = Objection.objects.filter(resolved_at__isnull=True, entry__notice__in=notices)
    for objection in objections.select_related("entry__notice", "entry__application__enterprise")[:LIMIT]:
        items.append(
            ToDo(
                _("An objection to %(enterprise)s was received: resolve it.")
                % {"enterprise": objection.entry.application.enterprise.name},
                reverse("recognition:notice_manage", args=[objection.entry.notice_id]),
                due=objection.entry.notice.ends_on,
                urgent=True,
            )
        )
    ending = notices.filter(concluded_at__isnull=True, ends_on__lte=today + SOON)
    for notice in ending[:LIMIT]:
        text = (
            _("The public notice %(title)s ended on %(date)s: conclude it.")
            if notice.ends_on < today
            else _("The public notice %(title)s ends on %(date)s.")
        )
        items.append(
            ToDo(
                text % {"title": notice.title, "date": notice.ends_on.isoformat()},
                reverse("recognition:notice_manage", args=[notice.pk]),
                due=notice.ends_on,
                urgent=notice.ends_on < today,
            )
        )
    return items


def _notices_of(user: User):
    """Public notices published at one of the reviewer's levels inside their region."""
    return PublicNotice.objects.filter(
        at_reviewer_levels(user, level_field="stage__level", region_path_field="region__path")
    )


def expert_to_dos(user: User, role: Role) -> list[ToDo]:
    """Reviews drawn to the expert and not yet scored."""
    pending = ExpertReview.objects.filter(expert__user=user, submitted_at__isnull=True).select_related(
        "draw__application__enterprise", "draw__stage"
    )
    return [
        ToDo(
            _("Score the application of %(enterprise)s (review closes %(date)s).")
            % {
                "enterprise": review.draw.application.enterprise.name,
                "date": review.draw.stage.closes_on.isoformat(),
            },
            reverse("recognition:expert_review", args=[review.pk]),
            due=review.draw.stage.closes_on,
            urgent=True,
        )
        for review in pending[:LIMIT]
    ]


def institution_staff_to_dos(user: User, role: Role) -> list[ToDo]:
    """Requests routed to the institution and not yet answered."""
    routed = ServiceRequest.objects.filter(institution_id=role.object_id, status=RequestStatus.ROUTED)
    now = timezone.now()
    return [
        ToDo(
            _("Answer the request of %(enterprise)s: %(title)s.")
            % {"enterprise": request.enterprise.name, "title": request.title},
            reverse("services:request", args=[request.pk]),
            due=timezone.localdate(request.respond_by) if request.respond_by else None,
            urgent=bool(request.respond_by and request.respond_by < now),
        )
        for request in routed.select_related("enterprise").order_by("respond_by")[:LIMIT]
    ]


def transfer_officer_to_dos(user: User, role: Role) -> list[ToDo]:
    """Enquiries to answer on the institution's listings."""
    open_enquiries = Enquiry.objects.filter(listing__institution_id=role.object_id, answer="")
    return [
        ToDo(
            _("Answer %(enterprise)s about %(title)s.")
            % {"enterprise": enquiry.enterprise.name, "title": enquiry.listing.title},
            reverse("techtransfer:listing", args=[enquiry.listing_id]),
            urgent=True,
        )
        for enquiry in open_enquiries.select_related("enterprise", "listing")[:LIMIT]
    ]


_BY_KIND = {
    "enterprise": enterprise_to_dos,
    "reviewer": reviewer_to_dos,
    "expert": expert_to_dos,
    "institution_staff": institution_staff_to_dos,
    "transfer_officer": transfer_officer_to_dos,
}
