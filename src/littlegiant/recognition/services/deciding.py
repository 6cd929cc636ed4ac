"""Review decisions at a stage: pass, return for correction, reject, confirm a declared criterion."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from littlegiant.recognition.models import (
    Application,
    ApplicationAction,
    ApplicationStatus,
    CriterionConfirmation,
    RejectionReason,
    SpotCheck,
)
from littlegiant.recognition.services._steps import (
    _lock_for_review,
    _move_and_record,
    _notify_enterprise,
    _record,
    _state,
    assess,
    can_move,
)
from littlegiant.recognition.services.experts import expert_aggregate
from littlegiant.recognition.services.quotas import claim_recommendation
from littlegiant.rules.records import InputError, coerce_value
from littlegiant.rules.schema import FIELDS_BY_NAME, FieldKind

if TYPE_CHECKING:
    from littlegiant.accounts.models import User


def _leave_stage(application: Application, *, by: User, comment: str) -> None:
    """Move an application past its current stage: to the next stage, or to 'passed' after the last."""
    stage = application.current_stage
    unrecorded = SpotCheck.objects.filter(
        application=application, draw__stage=stage, recorded_at__isnull=True
    )
    if unrecorded.exists():
        raise PermissionDenied(_("Record the findings of this application's on-site spot check first."))
    following = application.programme.stages.filter(order__gt=stage.order).order_by("order").first()
    _move_and_record(
        application,
        action=ApplicationAction.COMPLETE_REVIEW if following is None else ApplicationAction.NEXT_STAGE,
        stage=following,
        by=by,
        event="advance",
        comment=comment,
    )


def pass_stage(
    application: Application,
    *,
    by: User,
    comment: str = "",
    override_reason: str = "",
    expected_version: int | None = None,
) -> Application:
    """The current stage's reviewer passes the application up (or to the public notice, where one applies); an
    application whose assessment does not qualify passes only with a written reason for overriding it."""
    with transaction.atomic():
        application = _lock_for_review(application, by=by, expected_version=expected_version)
        if not can_move(application, ApplicationAction.PASS_TO_NOTICE):
            raise PermissionDenied(
                _("Only an application in review can be passed; this one is %(status)s.")
                % {"status": application.get_status_display()}
            )
        stage = application.current_stage
        if application.qualifies is False:
            if not override_reason.strip():
                raise ValidationError(
                    {
                        "override_reason": _(
                            "This application's assessment does not qualify: give the reason for passing it "
                            "anyway."
                        )
                    }
                )
            application.override_reason = override_reason.strip()
            overridden = _("Passed although the assessment does not qualify: %(reason)s") % {
                "reason": application.override_reason
            }
            comment = f"{comment.strip()}\n{overridden}".strip()
        if stage.expert_review:
            aggregate = expert_aggregate(application, stage)
            if aggregate is None:
                raise PermissionDenied(_("Draw the experts for this application first."))
            if aggregate.submitted < aggregate.drawn:
                raise PermissionDenied(
                    _("%(n)s of %(m)s experts have scored this application; wait for all of them.")
                    % {"n": aggregate.submitted, "m": aggregate.drawn}
                )
        claim_recommendation(application, stage, by=by)
        if stage.public_notice:
            _move_and_record(
                application, action=ApplicationAction.PASS_TO_NOTICE, by=by, event="pass", comment=comment
            )
        else:
            # Without a notice, the pass is recorded at the stage and the application leaves it at once.
            state = _state(application)
            _record(
                actor=by,
                action="pass",
                from_state=state,
                to_state=state,
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
        application = _lock_for_review(application, by=by, expected_version=expected_version)
        if not can_move(application, ApplicationAction.RETURN):
            raise PermissionDenied(
                _("A passed application awaits recognition; reject it if it must not be recognised.")
            )
        application.return_note = note.strip()
        _move_and_record(application, action=ApplicationAction.RETURN, by=by, event="return", comment=note)
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
        application = _lock_for_review(application, by=by, expected_version=expected_version)
        application.rejection_reason, application.rejection_comment = reason, comment.strip()
        _move_and_record(
            application,
            action=ApplicationAction.REJECT,
            by=by,
            event="reject",
            comment=f"{RejectionReason(reason).label}: {comment}",
        )
        _notify_enterprise(
            application, _("Application rejected"), f"{RejectionReason(reason).label}\n\n{comment}"
        )
    return application


def _parse_confirmed(field: str, raw: object) -> object:
    """The reviewer's value read by the engine's own parser (`rules.records.coerce_value`), as JSON."""
    spec = FIELDS_BY_NAME.get(field)
    if spec is None:
        raise ValidationError({"field": _("Unknown field “%(f)s”.") % {"f": field}})
    try:
        value = coerce_value(spec, raw)
    except InputError:
        if spec.kind == FieldKind.BOOLEAN:
            message = _("Answer yes or no.")
        elif spec.kind == FieldKind.ENUM:
            message = _("Choose one of: %(c)s.") % {"c": ", ".join(spec.choices)}
        else:
            message = _("Enter a number.")
        raise ValidationError({"value": message}) from None
    if isinstance(value, Decimal):
        if spec.kind in {FieldKind.COUNT, FieldKind.INTEGER}:
            if value != value.to_integral_value():
                raise ValidationError({"value": _("Enter a whole number.")})
            return int(value)
        return str(value)
    return value


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
        application = _lock_for_review(application, by=by, expected_version=expected_version)
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
        explanations = assess(
            values, version.pack_id, timezone.localdate(), application_kind=application.programme.kind
        )
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
