"""Public notice (公示): publishing, objections from anyone, their resolution, concluding the notice."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Collection
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from littlegiant.permissions import ensure
from littlegiant.recognition import public_pages
from littlegiant.recognition.models import (
    Application,
    ApplicationAction,
    ApplicationStatus,
    NoticeEntry,
    Objection,
    PublicNotice,
    ReviewStage,
    SpotCheck,
)
from littlegiant.recognition.permissions import (
    acting_assignment,
    stage_decision,
    within_assignment,
)
from littlegiant.recognition.services._steps import (
    CODE_ALPHABET,
    OBJECTIONS_PER_ADDRESS_PER_HOUR,
    TooManyObjections,
    _move_and_record,
    _notify,
    _notify_enterprise,
    _record,
    _selection,
    reviewer_role,
)
from littlegiant.recognition.services.deciding import _leave_stage

if TYPE_CHECKING:
    from littlegiant.accounts.models import ReviewerAssignment, User


def notice_candidates(stage: ReviewStage, *, by: User) -> QuerySet[Application]:
    """The applications this reviewer may publish at this stage: passed it, in their region, awaiting a notice."""
    ensure(stage_decision(by, stage))
    assignment = acting_assignment(by, stage.level, None)
    return Application.objects.filter(
        within_assignment(assignment, path_field="region_path"),
        current_stage=stage,
        status=ApplicationStatus.STAGE_PASSED,
    ).order_by("pk")


def publish_notice(
    stage: ReviewStage,
    *,
    by: User,
    starts_on: dt.date | None = None,
    selected: Collection[int] | None = None,
    issuer: str = "",
    contact_phone: str = "",
    objection_address: str = "",
    body: str = "",
) -> PublicNotice:
    """Publish the applications that passed this stage in the reviewer's region (all of them, or those
    `selected`) for public notice, with its issuing body, contact phone, objection address and text."""
    with transaction.atomic():
        stage = (
            ReviewStage.objects.select_for_update(of=("self",)).select_related("programme").get(pk=stage.pk)
        )
        ensure(stage_decision(by, stage))
        if not stage.public_notice:
            raise PermissionDenied(_("This stage has no public notice."))
        assignment = acting_assignment(by, stage.level, None)
        waiting = notice_candidates(stage, by=by).select_for_update(of=("self",))
        applications = list(waiting)
        applications = _selection(
            applications,
            selected,
            stale=_("Some selected applications no longer await this notice; reload the page."),
        )
        if not applications:
            raise PermissionDenied(_("No application has passed this stage and awaits a notice."))
        pending = SpotCheck.objects.filter(
            application__in=applications, draw__stage=stage, recorded_at__isnull=True
        ).select_related("application__enterprise")
        if pending:
            raise PermissionDenied(
                _("Record the spot-check findings first: %(names)s.")
                % {"names": ", ".join(check.application.subject.name for check in pending)}
            )
        starts_on = starts_on or timezone.localdate()
        region = assignment.region
        where = region.name if region else _("National")
        notice = PublicNotice.objects.create(
            programme=stage.programme,
            stage=stage,
            region=region,
            title=_("%(programme)s: public notice, %(where)s")
            % {"programme": stage.programme.title, "where": where},
            issuer=issuer.strip()[:200],
            contact_phone=contact_phone.strip()[:64],
            objection_address=objection_address.strip()[:300],
            body=body.strip(),
            starts_on=starts_on,
            ends_on=starts_on + dt.timedelta(days=stage.notice_days - 1),
            published_by=by,
        )
        notice.number = f"GS-{starts_on.year}-{region.pk if region else '000000'}-{notice.pk:05d}"
        notice.save(update_fields=["number"])
        role = reviewer_role(assignment)
        _record(
            actor=by,
            action="publish_notice",
            to_state=f"{notice.starts_on}–{notice.ends_on}",
            comment=notice.title,
            notice=notice,
            role=role,
        )
        for application in applications:
            NoticeEntry.objects.create(notice=notice, application=application)
            _move_and_record(
                application,
                action=ApplicationAction.PUBLISH_NOTICE,
                by=by,
                event="on_notice",
                comment=notice.title,
                role=role,
            )
            _notify_enterprise(
                application,
                _("Public notice published"),
                _("Your enterprise is under public notice from %(a)s to %(b)s.")
                % {"a": notice.starts_on, "b": notice.ends_on},
            )
        public_pages.forget_notices([notice.pk])
    return notice


def objection_reference() -> str:
    """An objection's reference number: 12 random characters (60 bits), unguessable, read aloud without 0/O."""
    return "".join(secrets.choice(CODE_ALPHABET) for _unused in range(12))


def lodge_objection(
    entry: NoticeEntry, *, name: str, contact: str, text: str, address: str | None
) -> Objection:
    """Anyone lodges a named objection against an enterprise under notice (rate-limited by address)."""
    errors: dict[str, str] = {}
    if not name.strip():
        errors["name"] = _("Give your name: objections are named (实名).")
    if not contact.strip():
        errors["contact"] = _("Give a phone number or email so the reviewer can reach you.")
    if not text.strip():
        errors["text"] = _("Say what you object to.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        notice = PublicNotice.objects.select_for_update().get(pk=entry.notice_id)
        if not notice.is_running():
            raise PermissionDenied(
                _("This notice is not running: objections are taken from %(a)s to %(b)s.")
                % {"a": notice.starts_on, "b": notice.ends_on}
            )
        if address:
            recent = Objection.objects.filter(
                address=address, lodged_at__gte=timezone.now() - dt.timedelta(hours=1)
            ).count()
            if recent >= OBJECTIONS_PER_ADDRESS_PER_HOUR:
                raise TooManyObjections(
                    _("Too many objections from your address in the last hour; try again later.")
                )
        objection = Objection.objects.create(
            entry=entry,
            reference=objection_reference(),
            name=name.strip()[:64],
            contact=contact.strip()[:128],
            text=text.strip(),
            address=address,
        )
        _record(
            actor=None,
            action="objection",
            comment=text.strip()[:500],
            application=entry.application,
            notice=notice,
            role=("public", ""),
        )
        with translation.override(settings.LANGUAGE_CODE):
            _notify(
                [notice.published_by],
                _("Objection lodged"),
                f"{entry.application.subject.name}\n\n{text.strip()}",
                link=reverse("recognition:notice_manage", args=[notice.pk]),
            )
    return objection


def resolve_objection(objection: Objection, *, by: User, resolution: str, upheld: bool) -> Objection:
    """The reviewer of the notice's stage records how an objection was resolved and whether it was upheld."""
    if not resolution.strip():
        raise ValidationError({"resolution": _("Say how the objection was looked into and resolved.")})
    with transaction.atomic():
        objection = (
            Objection.objects.select_for_update(of=("self",))
            .select_related("entry__notice__stage")
            .get(pk=objection.pk)
        )
        application = objection.entry.application
        assignment = acting_assignment(by, objection.entry.notice.stage.level, application.region)
        if assignment is None:
            raise PermissionDenied(
                _("Only the reviewers of this notice's stage and region resolve its objections.")
            )
        if objection.resolved_at is not None:
            raise PermissionDenied(_("This objection is already resolved."))
        objection.resolution, objection.upheld = resolution.strip(), upheld
        objection.resolved_by, objection.resolved_at = by, timezone.now()
        objection.save()
        _record(
            actor=by,
            action="resolve_objection",
            from_state="open",
            to_state="upheld" if upheld else "dismissed",
            comment=resolution,
            application=application,
            notice=objection.entry.notice,
            role=reviewer_role(assignment),
        )
    return objection


def _lock_running_notice(
    notice: PublicNotice, *, by: User, refusal: str
) -> tuple[PublicNotice, ReviewerAssignment]:
    """Lock a notice not yet concluded for a reviewer who published it (at its level and region); `refusal`
    tells anyone else what they may not do."""
    notice = PublicNotice.objects.select_for_update().get(pk=notice.pk)
    assignment = acting_assignment(by, notice.stage.level, notice.region)
    if assignment is None:
        raise PermissionDenied(refusal)
    if notice.concluded_at is not None:
        raise PermissionDenied(_("This notice is already concluded."))
    return notice, assignment


def end_notice_period_for_demo(notice: PublicNotice, *, by: User) -> PublicNotice:
    """Demo only: move a running notice's period, its length kept, so that it ended yesterday.

    A newcomer trying the demo cannot wait out a five-day notice; this lets them conclude it today and walk the
    journey to the certificate. Refused outside the demo (LITTLEGIANT_DEMO), and recorded in the notice's
    history like any other change.
    """
    if not settings.DEMO:
        raise PermissionDenied(_("A notice's dates can be moved only in the demo."))
    today = timezone.localdate()
    with transaction.atomic():
        notice, assignment = _lock_running_notice(
            notice, by=by, refusal=_("Only the reviewers who published this notice manage it.")
        )
        if notice.ends_on < today:
            raise PermissionDenied(_("This notice has already run its course; conclude it."))
        before = f"{notice.starts_on}–{notice.ends_on}"
        length = notice.ends_on - notice.starts_on
        notice.ends_on = today - dt.timedelta(days=1)
        notice.starts_on = notice.ends_on - length
        notice.save(update_fields=["starts_on", "ends_on"])
        public_pages.forget_notices([notice.pk])
        _record(
            actor=by,
            action="demo_clock",
            from_state=before,
            to_state=f"{notice.starts_on}–{notice.ends_on}",
            comment=_("Demo: the notice period was moved so that it ended yesterday."),
            notice=notice,
            role=reviewer_role(assignment),
        )
    return notice


def conclude_notice(notice: PublicNotice, *, by: User) -> PublicNotice:
    """After the notice has run, with every objection resolved, its applications leave the stage."""
    today = timezone.localdate()
    with transaction.atomic():
        notice, assignment = _lock_running_notice(
            notice, by=by, refusal=_("Only the reviewers who published this notice conclude it.")
        )
        if today <= notice.ends_on:
            raise PermissionDenied(
                _("The notice runs until %(day)s; conclude it after that.") % {"day": notice.ends_on}
            )
        open_objections = Objection.objects.filter(entry__notice=notice, resolved_at__isnull=True).count()
        if open_objections:
            raise PermissionDenied(
                _("%(n)s objections are not resolved yet; resolve every objection first.")
                % {"n": open_objections}
            )
        entries = notice.entries.select_related("application")
        for entry in entries:
            application = Application.objects.select_for_update(of=("self",)).get(pk=entry.application_id)
            if application.status != ApplicationStatus.ON_NOTICE:
                continue
            if entry.objections.filter(upheld=True).exists():
                raise PermissionDenied(
                    _("An objection against %(name)s was upheld: return or reject that application first.")
                    % {"name": application.subject.name}
                )
            _leave_stage(application, by=by, comment=_("public notice concluded without objections standing"))
        notice.concluded_at = timezone.now()
        notice.save(update_fields=["concluded_at"])
        public_pages.forget_notices([notice.pk])
        _record(
            actor=by,
            action="conclude_notice",
            from_state="running",
            to_state="concluded",
            notice=notice,
            role=reviewer_role(assignment),
        )
    return notice
