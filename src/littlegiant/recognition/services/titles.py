"""Titles: the recognition decision, revocation, yearly data updates and reported changes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from littlegiant.digital.levels import refresh as refresh_digital_levels
from littlegiant.enterprises.models import AnnualFiling
from littlegiant.figures import services as figures
from littlegiant.permissions import ensure
from littlegiant.recognition import public_pages
from littlegiant.recognition.models import (
    ANNUAL_UPDATE_DUE,
    BLOCKING_CAUSES,
    CHANGE_REPORT_MONTHS,
    REAPPLY_BLOCK_YEARS,
    VALIDITY_YEARS,
    AnnualUpdate,
    Application,
    ApplicationAction,
    ApplicationStatus,
    ApplicationVersion,
    ChangeKind,
    ChangeReport,
    Objection,
    Programme,
    ProgrammeKind,
    Recognition,
    RecognitionBatch,
    ReviewStage,
    RevocationCause,
    Tier,
)
from littlegiant.recognition.permissions import (
    acting_assignment,
    member_decision,
    recognition_decision,
    within_assignment,
)
from littlegiant.recognition.services._steps import (
    _add_months,
    _add_years,
    _move_and_record,
    _notify_enterprise,
    _record,
    _selection,
    certificate_code,
    reviewer_role,
)

if TYPE_CHECKING:
    from littlegiant.accounts.models import User


TIER_PREFIX = {
    Tier.INNOVATIVE_SME: "CX",
    Tier.SRDI_SME: "ZJTX",
    Tier.LITTLE_GIANT: "XJR",
    Tier.SME_CLUSTER: "TSJQ",
}


def certificate_number(recognition: Recognition) -> str:
    """The certificate's printed number: tier initials (创新, 专精特新, 小巨人), year of the decision, the deciding
    region's code, and the title's own id, so that it is unique and says where it came from."""
    batch = recognition.batch
    return f"{TIER_PREFIX[recognition.tier]}-{batch.decided_on.year}-{batch.region_id or '000000'}-{recognition.pk:06d}"


def figures_key(recognition: Recognition, version: ApplicationVersion | None = None) -> figures.TitleKey:
    """Where the title counts in the dashboards' summary tables: the reviewed snapshot's industry and size class,
    the region fixed at submission, the batch and the period of validity (the rebuild uses this too)."""
    application = recognition.application
    version = version or application.latest_version()
    values = version.values if version is not None else {}
    return figures.TitleKey(
        region_id=application.region_id,
        section=figures.section_of(str(values.get("industry_code") or application.enterprise.industry_id)),
        size_class=figures.size_class_of(version.explanations if version is not None else None),
        tier=recognition.tier,
        batch_id=recognition.batch_id,
        batch_year=recognition.batch.decided_on.year,
        valid_from=recognition.valid_from,
        valid_until=recognition.valid_until,
    )


def recognising_stage(programme: Programme) -> ReviewStage | None:
    """The last stage, whose level recognises (the province for SMEs, the ministry for little giants)."""
    return programme.stages.order_by("-order").first()


def recognition_candidates(programme: Programme, *, by: User) -> QuerySet[Application]:
    """The passed applications of the programme this reviewer may recognise (their level and region)."""
    stage = recognising_stage(programme)
    assignment = acting_assignment(by, stage.level, None) if stage is not None else None
    if assignment is None:
        return Application.objects.none()
    return Application.objects.filter(
        within_assignment(assignment, path_field="region_path"),
        programme=programme,
        status=ApplicationStatus.PASSED,
    ).order_by("pk")


def recognise(
    programme: Programme,
    *,
    by: User,
    title: str = "",
    selected: Collection[int] | None = None,
    issuer: str = "",
    number: str = "",
) -> RecognitionBatch:
    """Batch decision: recognise the passed applications of the programme in the reviewer's region (all of
    them, or those `selected`), issued by `issuer` under a decision number."""
    today = timezone.localdate()
    with transaction.atomic():
        programme = Programme.objects.select_for_update().get(pk=programme.pk)
        stage = recognising_stage(programme)
        if stage is None:
            raise PermissionDenied(_("This programme has no review stages."))
        assignment = acting_assignment(by, stage.level, None)
        if assignment is None:
            raise PermissionDenied(
                _("Only %(level)s reviewers recognise this programme.") % {"level": stage.get_level_display()}
            )
        applications = list(recognition_candidates(programme, by=by).select_for_update(of=("self",)))
        applications = _selection(
            applications,
            selected,
            stale=_("Some selected applications no longer await recognition; reload the page."),
        )
        if not applications:
            raise PermissionDenied(
                _("No application of this programme has passed review and awaits recognition.")
            )
        open_objections = Objection.objects.filter(
            entry__application__in=applications, resolved_at__isnull=True
        )
        if open_objections.exists():
            raise PermissionDenied(_("Resolve the open objections before recognition."))
        where = assignment.region.name if assignment.region_id else _("National")
        batch = RecognitionBatch.objects.create(
            programme=programme,
            region=assignment.region,
            decided_by=by,
            decided_on=today,
            title=title.strip()
            or _("%(programme)s: recognised enterprises, %(where)s")
            % {"programme": programme.title, "where": where},
            issuer=issuer.strip()[:200],
        )
        batch.number = number.strip()[:64] or (
            f"RD-{today.year}-{assignment.region_id or '000000'}-{batch.pk:05d}"
        )
        batch.save(update_fields=["number"])
        role = reviewer_role(assignment)
        for application in applications:
            renews = None
            valid_from = today
            if programme.kind == ProgrammeKind.REVIEW:
                renews = (
                    Recognition.objects.filter(
                        enterprise=application.enterprise_id,
                        cluster=application.cluster_id,
                        tier=programme.tier,
                        revoked_at__isnull=True,
                    )
                    .order_by("-valid_until")
                    .first()
                )
                if renews is not None and renews.valid_until >= today:
                    valid_from = renews.valid_until + dt.timedelta(days=1)
            # The title carries the name and credit code the reviewers reviewed (the submitted snapshot), not
            # whatever the enterprise is called later.
            version = application.latest_version()
            granted = version.values
            holder = application.subject
            recognition = Recognition.objects.create(
                application=application,
                enterprise=application.enterprise,
                cluster=application.cluster,
                enterprise_name=str(granted.get("name") or holder.name),
                credit_code=str(granted.get("credit_code") or getattr(holder, "credit_code", "")),
                batch=batch,
                tier=programme.tier,
                renews=renews,
                valid_from=valid_from,
                valid_until=_add_years(valid_from, VALIDITY_YEARS) - dt.timedelta(days=1),
                certificate_code=certificate_code(),
            )
            recognition.certificate_number = certificate_number(recognition)
            recognition.save(update_fields=["certificate_number"])
            public_pages.forget_certificates([recognition.certificate_code])
            if recognition.enterprise_id is not None:  # the dashboards count enterprises' titles
                figures.title_granted(figures_key(recognition, version))
            _move_and_record(
                application,
                action=ApplicationAction.RECOGNISE,
                by=by,
                event="recognise",
                comment=batch.title,
                recognition=recognition,
                role=role,
            )
            _notify_enterprise(
                application,
                _("Recognised"),
                _(
                    "Your enterprise is recognised, valid from %(a)s to %(b)s. "
                    "Certificate verification code: %(c)s"
                )
                % {
                    "a": recognition.valid_from,
                    "b": recognition.valid_until,
                    "c": recognition.certificate_code,
                },
            )
        refresh_digital_levels(a.enterprise_id for a in applications if a.enterprise_id is not None)
    return batch


def revoke(recognition: Recognition, *, by: User, cause: str, comment: str) -> Recognition:
    """Cancel a title for a cause of §5.3; incidents, dishonesty and falsification bar reapplying 3 years."""
    if cause not in RevocationCause.values:
        raise ValidationError({"cause": _("Choose a cause from the list.")})
    if not comment.strip():
        raise ValidationError({"comment": _("Explain the revocation.")})
    with transaction.atomic():
        recognition = Recognition.objects.select_for_update(of=("self",)).get(pk=recognition.pk)
        ensure(recognition_decision(by, recognition))
        if recognition.revoked_at is not None:
            raise PermissionDenied(_("This title is already revoked."))
        today = timezone.localdate()
        recognition.revoked_at = timezone.now()
        recognition.revocation_cause, recognition.revocation_comment = cause, comment.strip()
        recognition.review_eligible = False
        if cause in BLOCKING_CAUSES:
            recognition.reapply_blocked_until = _add_years(today, REAPPLY_BLOCK_YEARS)
        recognition.save()
        # The verification page must say "revoked" from the next request on, on every web worker.
        public_pages.forget_certificates([recognition.certificate_code])
        if recognition.enterprise_id is not None:
            figures.title_revoked(figures_key(recognition), year=today.year)
        _record(
            actor=by,
            action="revoke",
            from_state="valid",
            to_state="revoked",
            comment=f"{RevocationCause(cause).label}: {comment}",
            recognition=recognition,
            application=recognition.application,
        )
        _notify_enterprise(
            recognition.application, _("Title revoked"), f"{RevocationCause(cause).label}\n\n{comment}"
        )
        if recognition.enterprise_id is not None:
            refresh_digital_levels([recognition.enterprise_id])
    return recognition


def annual_update_due(year: int) -> dt.date:
    return dt.date(year, *ANNUAL_UPDATE_DUE)


def next_annual_update_due(recognition: Recognition, *, today: dt.date | None = None) -> dt.date:
    """The next 30 April by which the title's yearly update is due: never one before the title was granted."""
    today = today or timezone.localdate()
    due = annual_update_due(today.year)
    if due < today or recognition.valid_from >= due:
        due = annual_update_due(max(today.year, recognition.valid_from.year) + 1)
    return due


def confirm_annual_update(recognition: Recognition, *, by: User, year: int | None = None) -> AnnualUpdate:
    """The enterprise confirms its yearly data update (the filing for last year), due by 30 April."""
    today = timezone.localdate()
    year = year or today.year
    with transaction.atomic():
        recognition = Recognition.objects.select_for_update(of=("self",)).get(pk=recognition.pk)
        ensure(member_decision(by, recognition))
        filing = AnnualFiling.objects.filter(enterprise=recognition.enterprise_id, year=year - 1).first()
        if filing is None:
            raise ValidationError(
                {
                    "year": _("Enter the enterprise's data for %(y)s first, then confirm the update.")
                    % {"y": year - 1}
                }
            )
        late = today > annual_update_due(year)
        try:
            with transaction.atomic():
                update = AnnualUpdate.objects.create(
                    recognition=recognition, year=year, filing=filing, confirmed_by=by, late=late
                )
        except IntegrityError:
            raise ValidationError({"year": _("The data for this year is already updated.")}) from None
        _record(
            actor=by,
            action="annual_update",
            to_state=str(year),
            comment=_("late") if late else "",
            recognition=recognition,
            role=("enterprise", recognition.enterprise.region_id),
        )
    return update


def flag_missed_annual_updates(*, today: dt.date | None = None) -> int:
    """After 30 April, titles whose yearly update is missing lose their eligibility for review (§5.3)."""
    today = today or timezone.localdate()
    due = annual_update_due(today.year)
    if today <= due:
        return 0
    flagged = 0
    with transaction.atomic():
        candidates = (
            Recognition.objects.select_for_update(of=("self",))
            .valid_on(today)
            .filter(valid_from__lt=dt.date(today.year, 1, 1), review_eligible=True)
            .exclude(annual_updates__year=today.year)
        )
        for recognition in candidates:
            recognition.review_eligible = False
            recognition.eligibility_note = _("the %(y)s data update was not made by %(d)s") % {
                "y": today.year,
                "d": due,
            }
            recognition.save(update_fields=["review_eligible", "eligibility_note"])
            _record(
                actor=None,
                action="annual_update_missed",
                from_state="review_eligible",
                to_state="not_review_eligible",
                comment=recognition.eligibility_note,
                recognition=recognition,
                role=("system", ""),
            )
            flagged += 1
    return flagged


def report_change(
    recognition: Recognition, *, by: User, kind: str, occurred_on: dt.date, description: str
) -> ChangeReport:
    """The enterprise reports a major change (rename, merger, relocation…), due within three months."""
    today = timezone.localdate()
    errors: dict[str, str] = {}
    if kind not in ChangeKind.values:
        errors["kind"] = _("Choose a kind of change from the list.")
    if occurred_on > today:
        errors["occurred_on"] = _("The change cannot be in the future.")
    if not description.strip():
        errors["description"] = _("Describe the change.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        recognition = Recognition.objects.select_for_update(of=("self",)).get(pk=recognition.pk)
        ensure(member_decision(by, recognition))
        late = today > _add_months(occurred_on, CHANGE_REPORT_MONTHS)
        report = ChangeReport.objects.create(
            recognition=recognition,
            kind=kind,
            occurred_on=occurred_on,
            description=description.strip(),
            reported_by=by,
            late=late,
        )
        if late and recognition.review_eligible:
            recognition.review_eligible = False
            recognition.eligibility_note = _("a change of %(d)s was reported after three months") % {
                "d": occurred_on
            }
            recognition.save(update_fields=["review_eligible", "eligibility_note"])
        _record(
            actor=by,
            action="report_change",
            to_state=kind,
            comment=description,
            recognition=recognition,
            role=("enterprise", recognition.enterprise.region_id),
        )
    return report


def assess_change(report: ChangeReport, *, by: User, still_eligible: bool, assessment: str) -> ChangeReport:
    """The recognising reviewer decides whether the enterprise is still eligible after a change."""
    if not assessment.strip():
        raise ValidationError({"assessment": _("Give the reasons for your assessment.")})
    with transaction.atomic():
        report = ChangeReport.objects.select_for_update().get(pk=report.pk)
        ensure(recognition_decision(by, report.recognition))
        if report.assessed_at is not None:
            raise PermissionDenied(_("This change report is already assessed."))
        report.still_eligible, report.assessment = still_eligible, assessment.strip()
        report.assessed_by, report.assessed_at = by, timezone.now()
        report.save()
        _record(
            actor=by,
            action="assess_change",
            to_state="eligible" if still_eligible else "not_eligible",
            comment=assessment,
            recognition=report.recognition,
        )
        if not still_eligible:
            revoke(report.recognition, by=by, cause=RevocationCause.NO_LONGER_ELIGIBLE, comment=assessment)
    return report
