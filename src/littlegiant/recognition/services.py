"""Every change of state in the recognition process, one request-free function each.

Each function locks the rows it changes (select_for_update), checks permission and raises PermissionDenied
with the reason, records an Event (actor, role, region, from → to, comment) and queues the emails; the web
pages, the API, batch actions and background tasks all call these and nothing else.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mass_mail
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from littlegiant.enterprises.models import AnnualFiling, Enterprise
from littlegiant.enterprises.permissions import enterprise_decision
from littlegiant.permissions import ensure
from littlegiant.recognition.models import (
    ANNUAL_UPDATE_DUE,
    BLOCKING_CAUSES,
    CHANGE_REPORT_MONTHS,
    REAPPLY_BLOCK_YEARS,
    VALIDITY_YEARS,
    AnnualUpdate,
    Application,
    ApplicationStatus,
    ApplicationVersion,
    ChangeKind,
    ChangeReport,
    CriterionConfirmation,
    Event,
    Evidence,
    Expert,
    ExpertDraw,
    ExpertReview,
    NoticeEntry,
    Objection,
    Programme,
    ProgrammeKind,
    PublicNotice,
    Recognition,
    RecognitionBatch,
    RejectionReason,
    ReviewStage,
    RevocationCause,
    SpotCheck,
    SpotCheckDraw,
)
from littlegiant.recognition.permissions import (
    acting_assignment,
    apply_decision,
    member_decision,
    recognition_decision,
    review_decision,
    role_of,
    stage_decision,
)
from littlegiant.rules.schema import DATA_FIELDS, FIELDS_BY_NAME, FieldKind
from littlegiant.uploads import check_upload, store_upload

if TYPE_CHECKING:
    from littlegiant.accounts.models import User

OBJECTIONS_PER_ADDRESS_PER_HOUR = 5
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I: codes are read aloud and typed


class StaleApplication(PermissionDenied):
    """The application changed after the page was opened: the second of two simultaneous decisions."""


class TooManyObjections(ValidationError):
    """Objections from one address are rate-limited."""


# ----------------------------------------------------------------------------------------------------
# Shared steps


def _record(
    *,
    actor: User | None,
    action: str,
    from_state: str = "",
    to_state: str = "",
    comment: str = "",
    application: Application | None = None,
    recognition: Recognition | None = None,
    notice: PublicNotice | None = None,
    role: tuple[str, str] | None = None,
) -> Event:
    role_name, region = role or role_of(actor, application)
    return Event.objects.create(
        application=application,
        recognition=recognition,
        notice=notice,
        actor=actor,
        role=role_name,
        region=region,
        action=action,
        from_state=from_state,
        to_state=to_state,
        comment=comment,
    )


def _state(application: Application) -> str:
    stage = application.current_stage
    return f"{application.status}@{stage.level}" if stage else application.status


def _lock(application: Application, *, expected_version: int | None = None) -> Application:
    """Lock the application row and refuse if it moved on since the caller read it."""
    locked = Application.objects.select_for_update().get(pk=application.pk)
    version = application.version if expected_version is None else expected_version
    if locked.version != version:
        raise StaleApplication(
            _(
                "This application changed while you were looking at it (it is now %(status)s). "
                "Reload the page."
            )
            % {"status": locked.get_status_display()}
        )
    return locked


def _move(application: Application, *, status: str, stage: ReviewStage | None = None) -> None:
    application.status = status
    if stage is not None:
        application.current_stage = stage
    application.version += 1
    application.save()


def _notify(recipients: Iterable[str], subject: str, body: str) -> None:
    """Email after the transaction commits, so nobody hears of a decision that was rolled back."""
    to = sorted({address for address in recipients if address})
    if not to:
        return
    message = (subject, body, settings.DEFAULT_FROM_EMAIL, to)
    transaction.on_commit(lambda: send_mass_mail([message], fail_silently=False))


def _member_emails(enterprise: Enterprise) -> list[str]:
    return list(enterprise.memberships.values_list("user__email", flat=True))


def _notify_enterprise(application: Application, subject: str, body: str) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        _notify(
            _member_emails(application.enterprise),
            f"[{_('Little Giant')}] {subject}",
            f"{application.enterprise.name}\n{application.programme.title}\n\n{body}",
        )


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _json_value(value: object) -> object:
    if isinstance(value, Decimal):
        return str(value)
    return value


def filing_values(filing: AnnualFiling) -> dict[str, object]:
    """The filing's canonical values as JSON (Decimals as exact strings, unknowns as null)."""
    values: dict[str, object] = {
        "credit_code": filing.enterprise.credit_code,
        "name": filing.enterprise.name,
        "region_code": filing.enterprise.region_id,
        "industry_code": filing.enterprise.industry_id,
        "year": filing.year,
    }
    for name in DATA_FIELDS:
        values[name] = _json_value(getattr(filing, name, None))
    return values


def record_from_values(values: Mapping[str, object]) -> dict[str, object]:
    """Turn snapshot JSON back into the engine's record (money and fractions as Decimal)."""
    record: dict[str, object] = {}
    for name, value in values.items():
        field = FIELDS_BY_NAME.get(name)
        if (
            value is not None
            and field is not None
            and field.kind
            in {
                FieldKind.MONEY,
                FieldKind.FRACTION,
                FieldKind.NUMBER,
            }
        ):
            value = Decimal(str(value))
        record[name] = value
    return record


def assess(values: Mapping[str, object], pack_id: str, day: dt.date) -> dict[str, dict]:
    """The engine's explanation documents for these values under the pack (dependencies included)."""
    from littlegiant.rules import assess_record

    return assess_record(record_from_values(values), [pack_id], evaluation_date=day)


def certificate_code(rng: random.Random | None = None) -> str:
    """A random, unguessable 16-character verification code (80 bits); `rng` only for demo data."""
    if rng is not None:
        return "".join(rng.choice(CODE_ALPHABET) for _unused in range(16))
    return "".join(secrets.choice(CODE_ALPHABET) for _unused in range(16))


# ----------------------------------------------------------------------------------------------------
# The enterprise: apply, upload evidence, submit


def start_application(programme: Programme, enterprise: Enterprise, *, by: User) -> Application:
    """An enterprise opens a draft application to an open programme, with its reference-year filing."""
    today = timezone.localdate()
    with transaction.atomic():
        enterprise = Enterprise.objects.select_for_update().get(pk=enterprise.pk)
        ensure(enterprise_decision(by, "apply", enterprise))
        if not programme.is_open(today):
            raise PermissionDenied(
                _("“%(programme)s” takes applications from %(start)s to %(end)s.")
                % {
                    "programme": programme.title,
                    "start": programme.applications_open_on,
                    "end": programme.applications_close_on,
                }
            )
        if not programme.stages.exists():
            raise PermissionDenied(
                _("This programme has no review stages yet; an administrator must add them.")
            )
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
            from littlegiant.rules import registry

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


def submit(
    application: Application, *, by: User, pledge: bool, expected_version: int | None = None
) -> Application:
    """Sign the pledge and submit: the data, evidence list and explanation are frozen as a version."""
    now = timezone.now()
    with transaction.atomic():
        application = _lock(application, expected_version=expected_version)
        ensure(apply_decision(by, application))
        if not pledge:
            raise ValidationError({"pledge": _("Sign the truthfulness pledge to submit.")})
        programme = application.programme
        resubmission = application.status == ApplicationStatus.RETURNED
        if not resubmission and not programme.is_open(timezone.localdate()):
            raise PermissionDenied(_("This programme no longer takes applications."))
        filing = AnnualFiling.objects.select_related("enterprise").get(pk=application.filing_id)
        values = filing_values(filing)
        explanations = assess(values, programme.pack_id, timezone.localdate())
        own = explanations.get(programme.pack_id, {})
        number = application.versions.count() + 1
        ApplicationVersion.objects.create(
            application=application,
            number=number,
            filing_year=filing.year,
            values=values,
            evidence=[item.as_snapshot() for item in application.evidence.all()],
            explanations=explanations,
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
        _move(
            application,
            status=ApplicationStatus.IN_REVIEW,
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


# ----------------------------------------------------------------------------------------------------
# Review decisions


def _leave_stage(application: Application, *, by: User, comment: str) -> None:
    """Move an application past its current stage: to the next stage, or to 'passed' after the last."""
    stage = application.current_stage
    unrecorded = SpotCheck.objects.filter(
        application=application, draw__stage=stage, recorded_at__isnull=True
    )
    if unrecorded.exists():
        raise PermissionDenied(_("Record the findings of this application's on-site spot check first."))
    following = application.programme.stages.filter(order__gt=stage.order).order_by("order").first()
    before = _state(application)
    if following is None:
        _move(application, status=ApplicationStatus.PASSED)
    else:
        _move(application, status=ApplicationStatus.IN_REVIEW, stage=following)
    _record(
        actor=by,
        action="advance",
        from_state=before,
        to_state=_state(application),
        comment=comment,
        application=application,
    )


def pass_stage(
    application: Application, *, by: User, comment: str = "", expected_version: int | None = None
) -> Application:
    """The current stage's reviewer passes the application up (or to the public notice, where one applies)."""
    with transaction.atomic():
        application = _lock(application, expected_version=expected_version)
        ensure(review_decision(by, application))
        if application.status != ApplicationStatus.IN_REVIEW:
            raise PermissionDenied(
                _("Only an application in review can be passed; this one is %(status)s.")
                % {"status": application.get_status_display()}
            )
        stage = application.current_stage
        if stage.expert_review:
            aggregate = expert_aggregate(application, stage)
            if aggregate is None:
                raise PermissionDenied(_("Draw the experts for this application first."))
            if aggregate.submitted < aggregate.drawn:
                raise PermissionDenied(
                    _("%(n)s of %(m)s experts have scored this application; wait for all of them.")
                    % {"n": aggregate.submitted, "m": aggregate.drawn}
                )
        if stage.public_notice:
            before = _state(application)
            _move(application, status=ApplicationStatus.STAGE_PASSED)
            _record(
                actor=by,
                action="pass",
                from_state=before,
                to_state=_state(application),
                comment=comment,
                application=application,
            )
        else:
            _record(
                actor=by,
                action="pass",
                from_state=_state(application),
                to_state=_state(application),
                comment=comment,
                application=application,
            )
            _leave_stage(application, by=by, comment=comment)
        _notify_enterprise(
            application,
            _("Application passed a review stage"),
            _("The %(level)s review passed your application.") % {"level": stage.get_level_display()},
        )
    return application


def return_for_correction(
    application: Application, *, by: User, note: str, expected_version: int | None = None
) -> Application:
    """The reviewer returns the application to the enterprise, saying what to correct."""
    if not note.strip():
        raise ValidationError({"note": _("Say what the enterprise must correct.")})
    with transaction.atomic():
        application = _lock(application, expected_version=expected_version)
        ensure(review_decision(by, application))
        if application.status == ApplicationStatus.PASSED:
            raise PermissionDenied(
                _("A passed application awaits recognition; reject it if it must not be recognised.")
            )
        before = _state(application)
        application.return_note = note.strip()
        _move(application, status=ApplicationStatus.RETURNED)
        _record(
            actor=by,
            action="return",
            from_state=before,
            to_state=_state(application),
            comment=note,
            application=application,
        )
        _notify_enterprise(
            application,
            _("Application returned for correction"),
            _("Please correct your application and submit it again:\n\n%(note)s") % {"note": note},
        )
    return application


def reject(
    application: Application, *, by: User, reason: str, comment: str, expected_version: int | None = None
) -> Application:
    """The reviewer rejects the application, with a reason from the list and an explanation."""
    if reason not in RejectionReason.values:
        raise ValidationError({"reason": _("Choose a reason from the list.")})
    if not comment.strip():
        raise ValidationError({"comment": _("Explain the rejection to the enterprise.")})
    with transaction.atomic():
        application = _lock(application, expected_version=expected_version)
        ensure(review_decision(by, application))
        before = _state(application)
        application.rejection_reason, application.rejection_comment = reason, comment.strip()
        _move(application, status=ApplicationStatus.REJECTED)
        _record(
            actor=by,
            action="reject",
            from_state=before,
            to_state=_state(application),
            comment=f"{RejectionReason(reason).label}: {comment}",
            application=application,
        )
        _notify_enterprise(
            application, _("Application rejected"), f"{RejectionReason(reason).label}\n\n{comment}"
        )
    return application


def _parse_confirmed(field: str, raw: object) -> object:
    spec = FIELDS_BY_NAME.get(field)
    if spec is None:
        raise ValidationError({"field": _("Unknown field “%(f)s”.") % {"f": field}})
    if raw is None or raw == "":
        return None
    text = str(raw).strip().lower()
    if spec.kind == FieldKind.BOOLEAN:
        if text in {"true", "1", "yes", "是"}:
            return True
        if text in {"false", "0", "no", "否"}:
            return False
        raise ValidationError({"value": _("Answer yes or no.")})
    if spec.kind == FieldKind.ENUM:
        if text not in spec.choices:
            raise ValidationError({"value": _("Choose one of: %(c)s.") % {"c": ", ".join(spec.choices)}})
        return text
    try:
        number = Decimal(text)
    except ArithmeticError:
        raise ValidationError({"value": _("Enter a number.")}) from None
    if spec.kind in {FieldKind.COUNT, FieldKind.INTEGER}:
        if number != number.to_integral_value():
            raise ValidationError({"value": _("Enter a whole number.")})
        return int(number)
    return str(number)


def confirm_criterion(
    application: Application,
    *,
    by: User,
    criterion: str,
    field: str,
    value: object,
    reason: str,
    expected_version: int | None = None,
) -> CriterionConfirmation:
    """The reviewer confirms or corrects a declared qualitative input (D9); the explanation is recomputed."""
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for confirming or correcting this criterion.")})
    confirmed = _parse_confirmed(field, value)
    with transaction.atomic():
        application = _lock(application, expected_version=expected_version)
        ensure(review_decision(by, application))
        if application.status != ApplicationStatus.IN_REVIEW:
            raise PermissionDenied(_("Criteria are confirmed while the application is in review."))
        version = application.latest_version()
        declared_fields = {
            key
            for item in version.explanation.get("criteria", [])
            if item.get("declared") and item.get("id") == criterion
            for key in (item.get("inputs") or {})
        }
        if field not in declared_fields:
            raise ValidationError(
                {"field": _("“%(f)s” is not a declared input of this criterion.") % {"f": field}}
            )
        confirmation = CriterionConfirmation.objects.create(
            application=application,
            stage=application.current_stage,
            criterion=criterion,
            field=field,
            declared_value=version.values.get(field),
            confirmed_value=confirmed,
            reason=reason.strip(),
            by=by,
        )
        values = dict(version.values)
        for item in application.confirmations.order_by("at", "pk"):
            values[item.field] = item.confirmed_value
        explanations = assess(values, version.pack_id, timezone.localdate())
        application.reviewed_explanation = explanations
        own = explanations.get(version.pack_id, {})
        application.outcome = str(own.get("outcome") or application.outcome)
        application.score = own.get("score") if isinstance(own.get("score"), int) else application.score
        application.save(update_fields=["reviewed_explanation", "outcome", "score", "updated_at"])
        verb = "correct" if confirmation.corrected else "confirm"
        _record(
            actor=by,
            action=verb,
            from_state=f"{field}={confirmation.declared_value}",
            to_state=f"{field}={confirmed}",
            comment=reason,
            application=application,
        )
    return confirmation


# ----------------------------------------------------------------------------------------------------
# Spot checks


def _draw_sample(seed: int, population: list[int], size: int) -> list[int]:
    """The documented draw: Python's Mersenne Twister seeded with `seed`, sampling from the sorted ids."""
    return random.Random(seed).sample(sorted(population), size)


def draw_spot_checks(
    stage: ReviewStage, *, by: User, sample_size: int, seed: int | None = None
) -> SpotCheckDraw:
    """Draw applications at this stage, in the reviewer's region, for on-site checks; the seed is recorded."""
    with transaction.atomic():
        stage = ReviewStage.objects.select_for_update().get(pk=stage.pk)
        ensure(stage_decision(by, stage))
        if not stage.spot_check:
            raise PermissionDenied(_("This stage has no on-site spot checks."))
        assignment = acting_assignment(by, stage.level, None)
        population_qs = Application.objects.filter(
            current_stage=stage, status__in=[ApplicationStatus.IN_REVIEW, ApplicationStatus.STAGE_PASSED]
        ).exclude(spot_checks__draw__stage=stage)
        if assignment.region_id:
            population_qs = population_qs.filter(enterprise__region__path__startswith=assignment.region.path)
        population = list(population_qs.values_list("pk", flat=True))
        if not population:
            raise PermissionDenied(_("No application at this stage is waiting for a spot-check draw."))
        if not 1 <= sample_size <= len(population):
            raise ValidationError(
                {"sample_size": _("Draw between 1 and %(n)s applications.") % {"n": len(population)}}
            )
        seed = secrets.randbits(48) if seed is None else seed
        draw = SpotCheckDraw.objects.create(
            stage=stage,
            region=assignment.region,
            seed=seed,
            population=sorted(population),
            sample_size=sample_size,
            drawn_by=by,
        )
        for pk in _draw_sample(seed, population, sample_size):
            application = Application.objects.get(pk=pk)
            SpotCheck.objects.create(draw=draw, application=application)
            _record(
                actor=by,
                action="spot_check_drawn",
                comment=_("seed %(s)s") % {"s": seed},
                application=application,
                role=(f"reviewer:{assignment.level}", assignment.region_id or ""),
            )
    return draw


def record_spot_check(
    check: SpotCheck, *, by: User, result: str, findings: str, visited_on: dt.date | None = None
) -> SpotCheck:
    """Record what the on-site check found."""
    if result not in SpotCheck.Result.values:
        raise ValidationError({"result": _("Choose a result from the list.")})
    if not findings.strip():
        raise ValidationError({"findings": _("Describe what the check found.")})
    with transaction.atomic():
        check = SpotCheck.objects.select_for_update().get(pk=check.pk)
        application = check.application
        assignment = acting_assignment(by, check.draw.stage.level, application.enterprise.region)
        if assignment is None:
            raise PermissionDenied(_("Only the reviewers of this stage and region record its spot checks."))
        check.result, check.findings = result, findings.strip()
        check.visited_on = visited_on or timezone.localdate()
        check.recorded_by, check.recorded_at = by, timezone.now()
        check.save()
        _record(
            actor=by,
            action="spot_check_recorded",
            to_state=result,
            comment=findings,
            application=application,
            role=(f"reviewer:{assignment.level}", assignment.region_id or ""),
        )
    return check


# ----------------------------------------------------------------------------------------------------
# Expert review (双随机)


@dataclass(frozen=True, slots=True)
class ExpertAggregate:
    """The experts' scores combined for the decision, with the rule that combined them."""

    drawn: int
    submitted: int
    mean: Decimal | None
    pass_mark: Decimal
    rule: str

    @property
    def recommends_pass(self) -> bool | None:
        if self.mean is None or self.submitted < self.drawn:
            return None
        return self.mean >= self.pass_mark


def expert_aggregate(application: Application, stage: ReviewStage) -> ExpertAggregate | None:
    """Mean of the drawn experts' total scores; None when no experts were drawn at this stage."""
    draw = application.expert_draws.filter(stage=stage).order_by("-drawn_at").first()
    if draw is None:
        return None
    totals = [review.total for review in draw.reviews.all() if review.submitted_at is not None]
    mean = None
    if totals:
        mean = (sum(totals, Decimal(0)) / len(totals)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    pass_mark = application.programme.expert_pass_mark
    rule = _(
        "Mean of the %(n)s experts' total scores, to two decimals; at or above %(mark)s recommends passing."
    ) % {
        "n": len(draw.drawn),
        "mark": pass_mark,
    }
    return ExpertAggregate(
        drawn=len(draw.drawn), submitted=len(totals), mean=mean, pass_mark=pass_mark, rule=rule
    )


def replay_expert_draw(draw: ExpertDraw) -> list[int]:
    """Re-run a recorded draw from its seed and pool: anyone can check that it gives the same experts."""
    excluded = {item["id"] for item in draw.excluded}
    eligible = [pk for pk in draw.pool if pk not in excluded]
    return _draw_sample(draw.seed, eligible, len(draw.drawn))


def draw_experts(application: Application, *, by: User, seed: int | None = None) -> ExpertDraw:
    """Draw experts at random, excluding conflicts of interest; the draw is recorded and reproducible."""
    with transaction.atomic():
        application = _lock(application)
        ensure(review_decision(by, application))
        stage = application.current_stage
        if not stage.expert_review or application.status != ApplicationStatus.IN_REVIEW:
            raise PermissionDenied(_("This stage has no expert review."))
        if application.expert_draws.filter(stage=stage).exists():
            raise PermissionDenied(_("Experts were already drawn for this application at this stage."))
        enterprise = application.enterprise
        linked = set(enterprise.linked_experts.values_list("pk", flat=True))
        members = set(enterprise.memberships.values_list("user_id", flat=True))
        pool = list(Expert.objects.filter(active=True).select_related("region").order_by("pk"))
        excluded: list[dict[str, object]] = []
        for expert in pool:
            if expert.pk in linked or (expert.user_id is not None and expert.user_id in members):
                excluded.append({"id": expert.pk, "reason": "linked"})
            elif (
                stage.exclude_same_province_experts
                and expert.region is not None
                and expert.region.province_code == enterprise.region.province_code
            ):
                excluded.append({"id": expert.pk, "reason": "same_province"})
        excluded_ids = {item["id"] for item in excluded}
        eligible = [expert.pk for expert in pool if expert.pk not in excluded_ids]
        if len(eligible) < stage.expert_count:
            raise PermissionDenied(
                _("Only %(n)s experts are free of conflicts; the stage needs %(m)s. Add experts to the pool.")
                % {"n": len(eligible), "m": stage.expert_count}
            )
        seed = secrets.randbits(48) if seed is None else seed
        drawn = _draw_sample(seed, eligible, stage.expert_count)
        draw = ExpertDraw.objects.create(
            application=application,
            stage=stage,
            seed=seed,
            pool=[expert.pk for expert in pool],
            excluded=excluded,
            drawn=drawn,
            drawn_by=by,
        )
        by_pk = {expert.pk: expert for expert in pool}
        ExpertReview.objects.bulk_create([ExpertReview(draw=draw, expert=by_pk[pk]) for pk in drawn])
        _record(
            actor=by,
            action="experts_drawn",
            comment=_("seed %(s)s; drawn %(d)s") % {"s": seed, "d": drawn},
            application=application,
        )
        with translation.override(settings.LANGUAGE_CODE):
            _notify(
                [by_pk[pk].email for pk in drawn],
                f"[{_('Little Giant')}] {_('Expert review assigned')}",
                _("You were drawn to review an application: %(name)s. Sign in to score it.")
                % {"name": enterprise.name},
            )
    return draw


def submit_expert_review(
    review: ExpertReview, *, by: User, scores: Mapping[str, object], comment: str
) -> ExpertReview:
    """A drawn expert scores the application on the programme's review form."""
    with transaction.atomic():
        review = (
            ExpertReview.objects.select_for_update(of=("self",))
            .select_related("expert", "draw")
            .get(pk=review.pk)
        )
        if review.expert.user_id != by.pk:
            raise PermissionDenied(_("Only the expert who was drawn may score this review."))
        application = review.draw.application
        if (
            application.status != ApplicationStatus.IN_REVIEW
            or application.current_stage_id != review.draw.stage_id
        ):
            raise PermissionDenied(_("This application is no longer at the expert review stage."))
        if review.submitted_at is not None:
            raise PermissionDenied(_("You have already submitted this review."))
        clean: dict[str, int] = {}
        errors: dict[str, str] = {}
        for item in application.programme.review_form:
            key, top = str(item["key"]), int(item["max"])
            raw = scores.get(key)
            try:
                value = int(str(raw))
            except ValueError:
                errors[key] = _("Enter a whole number of points.")
                continue
            if not 0 <= value <= top:
                errors[key] = _("Between 0 and %(max)s points.") % {"max": top}
                continue
            clean[key] = value
        if errors:
            raise ValidationError(errors)
        review.scores, review.total = clean, Decimal(sum(clean.values()))
        review.comment, review.submitted_at = comment.strip(), timezone.now()
        review.save()
        _record(
            actor=by,
            action="expert_scored",
            to_state=str(review.total),
            comment=comment,
            application=application,
            role=("expert", ""),
        )
    return review


# ----------------------------------------------------------------------------------------------------
# Public notice (公示) and objections


def publish_notice(stage: ReviewStage, *, by: User, starts_on: dt.date | None = None) -> PublicNotice:
    """Publish the applications that passed this stage in the reviewer's region for public notice."""
    with transaction.atomic():
        stage = (
            ReviewStage.objects.select_for_update(of=("self",)).select_related("programme").get(pk=stage.pk)
        )
        ensure(stage_decision(by, stage))
        if not stage.public_notice:
            raise PermissionDenied(_("This stage has no public notice."))
        assignment = acting_assignment(by, stage.level, None)
        waiting = Application.objects.select_for_update().filter(
            current_stage=stage, status=ApplicationStatus.STAGE_PASSED
        )
        if assignment.region_id:
            waiting = waiting.filter(enterprise__region__path__startswith=assignment.region.path)
        applications = list(waiting.order_by("pk"))
        if not applications:
            raise PermissionDenied(_("No application has passed this stage and awaits a notice."))
        pending = SpotCheck.objects.filter(
            application__in=applications, draw__stage=stage, recorded_at__isnull=True
        ).select_related("application__enterprise")
        if pending:
            raise PermissionDenied(
                _("Record the spot-check findings first: %(names)s.")
                % {"names": ", ".join(check.application.enterprise.name for check in pending)}
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
            starts_on=starts_on,
            ends_on=starts_on + dt.timedelta(days=stage.notice_days - 1),
            published_by=by,
        )
        role = (f"reviewer:{assignment.level}", assignment.region_id or "")
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
            before = _state(application)
            _move(application, status=ApplicationStatus.ON_NOTICE)
            _record(
                actor=by,
                action="on_notice",
                from_state=before,
                to_state=_state(application),
                comment=notice.title,
                application=application,
                role=role,
            )
            _notify_enterprise(
                application,
                _("Public notice published"),
                _("Your enterprise is under public notice from %(a)s to %(b)s.")
                % {"a": notice.starts_on, "b": notice.ends_on},
            )
    return notice


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
        reviewers = notice.published_by.email
        with translation.override(settings.LANGUAGE_CODE):
            _notify(
                [reviewers],
                f"[{_('Little Giant')}] {_('Objection lodged')}",
                f"{entry.application.enterprise.name}\n\n{text.strip()}",
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
        assignment = acting_assignment(by, objection.entry.notice.stage.level, application.enterprise.region)
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
            role=(f"reviewer:{assignment.level}", assignment.region_id or ""),
        )
    return objection


def conclude_notice(notice: PublicNotice, *, by: User) -> PublicNotice:
    """After the notice has run, with every objection resolved, its applications leave the stage."""
    today = timezone.localdate()
    with transaction.atomic():
        notice = PublicNotice.objects.select_for_update().get(pk=notice.pk)
        assignment = acting_assignment(by, notice.stage.level, notice.region)
        if assignment is None:
            raise PermissionDenied(_("Only the reviewers who published this notice conclude it."))
        if notice.concluded_at is not None:
            raise PermissionDenied(_("This notice is already concluded."))
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
            application = Application.objects.select_for_update().get(pk=entry.application_id)
            if application.status != ApplicationStatus.ON_NOTICE:
                continue
            if entry.objections.filter(upheld=True).exists():
                raise PermissionDenied(
                    _("An objection against %(name)s was upheld: return or reject that application first.")
                    % {"name": application.enterprise.name}
                )
            _leave_stage(application, by=by, comment=_("public notice concluded without objections standing"))
        notice.concluded_at = timezone.now()
        notice.save(update_fields=["concluded_at"])
        _record(
            actor=by,
            action="conclude_notice",
            from_state="running",
            to_state="concluded",
            notice=notice,
            role=(f"reviewer:{assignment.level}", assignment.region_id or ""),
        )
    return notice


# ----------------------------------------------------------------------------------------------------
# Recognition and dynamic management


def recognising_stage(programme: Programme) -> ReviewStage | None:
    """The last stage, whose level recognises (the province for SMEs, the ministry for little giants)."""
    return programme.stages.order_by("-order").first()


def recognise(programme: Programme, *, by: User, title: str = "") -> RecognitionBatch:
    """Batch decision: recognise every passed application of the programme in the reviewer's region."""
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
        passed = Application.objects.select_for_update().filter(
            programme=programme, status=ApplicationStatus.PASSED
        )
        if assignment.region_id:
            passed = passed.filter(enterprise__region__path__startswith=assignment.region.path)
        applications = list(passed.order_by("pk"))
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
        )
        role = (f"reviewer:{assignment.level}", assignment.region_id or "")
        for application in applications:
            renews = None
            valid_from = today
            if programme.kind == ProgrammeKind.REVIEW:
                renews = (
                    Recognition.objects.filter(
                        enterprise=application.enterprise_id, tier=programme.tier, revoked_at__isnull=True
                    )
                    .order_by("-valid_until")
                    .first()
                )
                if renews is not None and renews.valid_until >= today:
                    valid_from = renews.valid_until + dt.timedelta(days=1)
            recognition = Recognition.objects.create(
                application=application,
                enterprise=application.enterprise,
                batch=batch,
                tier=programme.tier,
                renews=renews,
                valid_from=valid_from,
                valid_until=_add_years(valid_from, VALIDITY_YEARS) - dt.timedelta(days=1),
                certificate_code=certificate_code(),
            )
            before = _state(application)
            _move(application, status=ApplicationStatus.RECOGNISED)
            _record(
                actor=by,
                action="recognise",
                from_state=before,
                to_state=_state(application),
                comment=batch.title,
                application=application,
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
    return batch


def revoke(recognition: Recognition, *, by: User, cause: str, comment: str) -> Recognition:
    """Cancel a title for a cause of §5.3; incidents, dishonesty and falsification bar reapplying 3 years."""
    if cause not in RevocationCause.values:
        raise ValidationError({"cause": _("Choose a cause from the list.")})
    if not comment.strip():
        raise ValidationError({"comment": _("Explain the revocation.")})
    with transaction.atomic():
        recognition = Recognition.objects.select_for_update().get(pk=recognition.pk)
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
    return recognition


def annual_update_due(year: int) -> dt.date:
    return dt.date(year, *ANNUAL_UPDATE_DUE)


def confirm_annual_update(recognition: Recognition, *, by: User, year: int | None = None) -> AnnualUpdate:
    """The enterprise confirms its yearly data update (the filing for last year), due by 30 April."""
    today = timezone.localdate()
    year = year or today.year
    with transaction.atomic():
        recognition = Recognition.objects.select_for_update().get(pk=recognition.pk)
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
            Recognition.objects.select_for_update()
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
        recognition = Recognition.objects.select_for_update().get(pk=recognition.pk)
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
