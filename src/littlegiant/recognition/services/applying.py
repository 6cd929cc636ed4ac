"""The enterprise applies: opens a draft, attaches evidence, signs the pledge and submits."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from littlegiant.enterprises.models import AnnualFiling, Enterprise
from littlegiant.enterprises.permissions import enterprise_decision
from littlegiant.permissions import ensure
from littlegiant.recognition.models import (
    Application,
    ApplicationAction,
    ApplicationStatus,
    ApplicationVersion,
    Evidence,
    Programme,
    ProgrammeKind,
    Recognition,
)
from littlegiant.recognition.permissions import (
    apply_decision,
)
from littlegiant.recognition.services._steps import (
    _lock,
    _move,
    _notify_enterprise,
    _record,
    _state,
    assess,
    filing_values,
)
from littlegiant.rules import registry
from littlegiant.uploads import check_upload, store_upload

if TYPE_CHECKING:
    from littlegiant.accounts.models import User
    from littlegiant.reference.models import Region


def ensure_takes_applications(programme: Programme, day: dt.date) -> None:
    """Refuse, with the reason, an application to a programme closed on `day` or without review stages; the
    same for an enterprise's application and a cluster's."""
    if not programme.is_open(day):
        raise PermissionDenied(
            _("“%(programme)s” takes applications from %(start)s to %(end)s.")
            % {
                "programme": programme.title,
                "start": programme.applications_open_on,
                "end": programme.applications_close_on,
            }
        )
    if not programme.stages.exists():
        raise PermissionDenied(_("This programme has no review stages yet; an administrator must add them."))


def start_application(programme: Programme, enterprise: Enterprise, *, by: User) -> Application:
    """An enterprise opens a draft application to an open programme, with its reference-year filing."""
    today = timezone.localdate()
    with transaction.atomic():
        enterprise = Enterprise.objects.select_for_update().get(pk=enterprise.pk)
        ensure(enterprise_decision(by, "apply", enterprise))
        if programme.for_clusters:
            raise PermissionDenied(
                _("This programme recognises clusters; their county SME authority applies.")
            )
        ensure_takes_applications(programme, today)
        blocked = (
            Recognition.objects.filter(enterprise=enterprise, reapply_blocked_until__gt=today)
            .order_by("-reapply_blocked_until")
            .first()
        )
        if blocked is not None:
            raise PermissionDenied(
                _(
                    "A title of this enterprise was revoked (%(cause)s); "
                    "it may not apply again before %(day)s."
                )
                % {"cause": blocked.get_revocation_cause_display(), "day": blocked.reapply_blocked_until}
            )
        held = Recognition.objects.filter(enterprise=enterprise, tier=programme.tier).valid_on(today)
        if programme.kind == ProgrammeKind.REVIEW:
            expiring = held.filter(valid_until__lte=dt.date(programme.year, 12, 31)).first()
            if expiring is None:
                raise PermissionDenied(
                    _("A review is for enterprises whose title of this tier expires in %(year)s.")
                    % {"year": programme.year}
                )
            if not expiring.review_eligible:
                raise PermissionDenied(
                    _("This enterprise has lost its eligibility for review: %(why)s")
                    % {"why": expiring.eligibility_note}
                )
        elif held.filter(valid_until__gt=dt.date(programme.year, 12, 31)).exists():
            raise PermissionDenied(
                _("This enterprise already holds this title for longer than this programme's year.")
            )
        filing = AnnualFiling.objects.filter(enterprise=enterprise, year=programme.reference_year).first()
        if filing is None:
            raise PermissionDenied(
                _("Enter this enterprise's data for %(year)s first: the programme assesses that year.")
                % {"year": programme.reference_year}
            )
        try:
            with transaction.atomic():
                application = Application.objects.create(
                    programme=programme, enterprise=enterprise, filing=filing, created_by=by
                )
        except IntegrityError:
            raise PermissionDenied(_("This enterprise has already applied to this programme.")) from None
        _record(actor=by, action="start", to_state=ApplicationStatus.DRAFT, application=application)
    return application


def add_evidence(
    application: Application, file: UploadedFile, *, by: User, criterion: str = "", description: str = ""
) -> Evidence:
    """Attach a document (PDF, JPEG or PNG, checked by content) to a draft or returned application."""
    with transaction.atomic():
        application = _lock(application)
        ensure(apply_decision(by, application))
        if criterion:
            known = {item.id for item in registry.get(application.programme.pack_id).criteria}
            if criterion not in known:
                raise ValidationError(
                    {"criterion": _("This programme has no criterion “%(id)s”.") % {"id": criterion}}
                )
        file.seek(0)
        digest = hashlib.sha256()
        for chunk in file.chunks():
            digest.update(chunk)
        content_type = check_upload(file)
        path = store_upload(file, folder=f"recognition/{application.pk}")
        evidence = Evidence.objects.create(
            application=application,
            criterion=criterion,
            description=description[:200],
            original_name=(file.name or "upload")[-200:],
            stored_path=path,
            content_type=content_type,
            size=file.size or 0,
            sha256=digest.hexdigest(),
            uploaded_by=by,
        )
        _record(actor=by, action="add_evidence", comment=evidence.original_name, application=application)
    return evidence


def remove_evidence(evidence: Evidence, *, by: User) -> None:
    """Remove a document from a draft or returned application (submitted versions keep their list)."""
    with transaction.atomic():
        application = _lock(evidence.application)
        ensure(apply_decision(by, application))
        name = evidence.original_name
        evidence.delete()
        _record(actor=by, action="remove_evidence", comment=name, application=application)


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What a submission freezes of its subject: the values, their year, the pack's explanations, and the
    region the application's jurisdiction is fixed to at the first submission."""

    values: dict[str, object]
    year: int
    explanations: dict[str, dict]
    region: Region


def submit(
    application: Application, *, by: User, pledge: bool, expected_version: int | None = None
) -> Application:
    """Sign the pledge and submit: the data, evidence list and explanation are frozen as a version."""

    def enterprise_snapshot(application: Application, programme: Programme, today: dt.date) -> Snapshot:
        # The region too: the jurisdiction is fixed to it below.
        filing = AnnualFiling.objects.select_related("enterprise__region").get(pk=application.filing_id)
        values = filing_values(filing)
        explanations = assess(values, programme.pack_id, today, application_kind=programme.kind)
        # The jurisdiction is fixed at the first submission to the enterprise's region of today.
        return Snapshot(values, filing.year, explanations, filing.enterprise.region)

    return submit_snapshot(
        application, by=by, pledge=pledge, expected_version=expected_version, snapshot=enterprise_snapshot
    )


def submit_snapshot(
    application: Application,
    *,
    by: User,
    pledge: bool,
    expected_version: int | None,
    snapshot: Callable[[Application, Programme, dt.date], Snapshot],
) -> Application:
    """The one submission of every programme: pledge, open programme, the subject's `snapshot` frozen as a
    version with the evidence list, the outcome read from it, and the move into review."""
    now = timezone.now()
    today = timezone.localdate()
    with transaction.atomic():
        application = _lock(application, expected_version=expected_version)
        ensure(apply_decision(by, application))
        if not pledge:
            raise ValidationError({"pledge": _("Sign the truthfulness pledge to submit.")})
        programme = application.programme
        resubmission = application.status == ApplicationStatus.RETURNED
        if not resubmission and not programme.is_open(today):
            raise PermissionDenied(_("This programme no longer takes applications."))
        taken = snapshot(application, programme, today)
        own = taken.explanations.get(programme.pack_id, {})
        number = application.versions.count() + 1
        ApplicationVersion.objects.create(
            application=application,
            number=number,
            filing_year=taken.year,
            values=taken.values,
            evidence=[item.as_snapshot() for item in application.evidence.all()],
            explanations=taken.explanations,
            pack_id=programme.pack_id,
            submitted_by=by,
            submitted_at=now,
        )
        before = _state(application)
        application.outcome = str(own.get("outcome") or "")
        application.score = own.get("score") if isinstance(own.get("score"), int) else None
        application.pledge_signed_at, application.pledge_signed_by = now, by
        application.submitted_at = now
        application.reviewed_explanation = None
        application.return_note = ""
        if not resubmission:
            application.region = taken.region
        _move(
            application,
            action=ApplicationAction.RESUBMIT if resubmission else ApplicationAction.SUBMIT,
            stage=None if resubmission else programme.stages.order_by("order").first(),
        )
        _record(
            actor=by,
            action="resubmit" if resubmission else "submit",
            from_state=before,
            to_state=_state(application),
            comment=_("version %(n)s") % {"n": number},
            application=application,
        )
        _notify_enterprise(
            application,
            _("Application received"),
            _("Your application (version %(n)s) was received and is in review.") % {"n": number},
        )
    return application
