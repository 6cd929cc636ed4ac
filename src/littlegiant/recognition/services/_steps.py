"""The steps every recognition service shares: lock, move along the status graph, record, notify."""

from __future__ import annotations

import datetime as dt
import random
import secrets
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from littlegiant.accounts.models import User
from littlegiant.calendar import add_months, add_years
from littlegiant.conflicts import Conflict
from littlegiant.enterprises.models import AnnualFiling
from littlegiant.notifications.services import notify
from littlegiant.permissions import ensure
from littlegiant.recognition.models import (
    Application,
    ApplicationAction,
    Event,
    PublicNotice,
    Recognition,
    ReviewStage,
    transition_target,
)
from littlegiant.recognition.permissions import review_decision, role_of
from littlegiant.rules import assess_record
from littlegiant.rules.schema import DATA_FIELDS, FIELDS_BY_NAME, FieldKind

if TYPE_CHECKING:
    from littlegiant.accounts.models import ReviewerAssignment


OBJECTIONS_PER_ADDRESS_PER_HOUR = 5
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I: codes are read aloud and typed


class StaleApplication(Conflict, PermissionDenied):
    """The application changed after the page was opened: the second of two simultaneous decisions."""


class TooManyObjections(ValidationError):
    """Objections from one address are rate-limited."""


# ----------------------------------------------------------------------------------------------------
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
    return Event.record(
        actor=actor,
        role=role_name,
        region=region,
        action=action,
        from_state=from_state,
        to_state=to_state,
        comment=comment,
        application=application,
        recognition=recognition,
        notice=notice,
        # The services' clock, not the row's default: the demo replays last year's round at last year's dates.
        created_at=timezone.now(),
    )


def _state(application: Application) -> str:
    stage = application.current_stage
    return f"{application.status}@{stage.level}" if stage else application.status


def _lock(application: Application, *, expected_version: int | None = None) -> Application:
    """Lock the application row and refuse if it moved on since the caller read it."""
    locked = Application.objects.select_for_update(of=("self",)).get(pk=application.pk)
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


def _lock_for_review(
    application: Application, *, by: User, expected_version: int | None = None
) -> Application:
    """Lock the application as `_lock` does, then refuse, with the reason, unless `by` reviews it at its stage."""
    locked = _lock(application, expected_version=expected_version)
    ensure(review_decision(by, locked))
    return locked


class InvalidTransition(PermissionDenied):
    """The status graph (`models.TRANSITIONS`) has no such move from the application's status."""


def can_move(application: Application, action: str) -> bool:
    """Whether the status graph allows this action from the application's status."""
    return transition_target(application.status, action) is not None


def _move(application: Application, *, action: str, stage: ReviewStage | None = None) -> None:
    """Move the application along one edge of the status graph; refuse a move the graph does not have."""
    target = transition_target(application.status, action)
    if target is None:
        raise InvalidTransition(
            _("An application that is “%(status)s” cannot be moved by “%(action)s”.")
            % {"status": application.get_status_display(), "action": ApplicationAction(action).label}
        )
    application.status = target
    if stage is not None:
        application.current_stage = stage
    application.version += 1
    application.save()


def _move_and_record(
    application: Application,
    *,
    action: str,
    by: User | None,
    event: str,
    comment: str = "",
    stage: ReviewStage | None = None,
    recognition: Recognition | None = None,
    role: tuple[str, str] | None = None,
) -> Event:
    """Move the application along one edge of the status graph and record the move, from and to its state, as
    `event` in its trail."""
    before = _state(application)
    _move(application, action=action, stage=stage)
    return _record(
        actor=by,
        action=event,
        from_state=before,
        to_state=_state(application),
        comment=comment,
        application=application,
        recognition=recognition,
        role=role,
    )


def _selection(
    applications: list[Application], selected: Iterable[int] | None, *, stale: str
) -> list[Application]:
    """The applications a reviewer ticked on a preview page, among those still waiting: all of them when
    nothing was chosen (a batch call); `stale` is the message when one ticked has moved on meanwhile."""
    if selected is None:
        return applications
    chosen = set(selected)
    if not chosen:
        raise ValidationError({"selected": _("Select at least one application.")})
    if chosen - {application.pk for application in applications}:
        raise ValidationError({"selected": stale})
    return [application for application in applications if application.pk in chosen]


def reviewer_role(assignment: ReviewerAssignment) -> tuple[str, str]:
    """The role and region an event records for a reviewer acting through this assignment."""
    return f"reviewer:{assignment.level}", assignment.region_id or ""


def _notify(recipients: Iterable[User], subject: str, body: str, *, link: str = "") -> None:
    """An in-app notice now and a mail after the transaction commits (the platform's one `notify()`)."""
    notify(recipients, subject=subject, body=body, link=link)


def _notify_enterprise(application: Application, subject: str, body: str) -> None:
    """Tell the enterprise's members (a cluster's county SME authority) about their application, with a link."""
    if application.cluster_id:
        members = User.objects.filter(county_authorities__county=application.cluster.county_id).distinct()
    else:
        members = User.objects.filter(memberships__enterprise=application.enterprise_id).distinct()
    _notify(
        members,
        subject,
        f"{application.subject}\n{application.programme.title}\n\n{body}",
        link=reverse("recognition:application", args=[application.pk]),
    )


# Kept under the old names for the callers (and tests) that use them; the arithmetic lives in one place.
_add_years = add_years
_add_months = add_months


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


def assess(
    values: Mapping[str, object], pack_id: str, day: dt.date, *, application_kind: str
) -> dict[str, dict]:
    """The engine's explanation documents for these values under the pack (dependencies included).

    `application_kind` is the programme's kind, `new` or `review` (decision D21: a review passes the 2026
    development evaluation on this year's or last year's score and skips the little giant's growth test).
    """
    record = record_from_values(values)
    record["application_kind"] = application_kind
    return assess_record(record, [pack_id], evaluation_date=day)


def certificate_code(rng: random.Random | None = None) -> str:
    """A random, unguessable 16-character verification code (80 bits); `rng` only for demo data."""
    if rng is not None:
        return "".join(rng.choice(CODE_ALPHABET) for _unused in range(16))
    return "".join(secrets.choice(CODE_ALPHABET) for _unused in range(16))


def _draw_sample(seed: int, population: list[int], size: int) -> list[int]:
    """The documented draw: Python's Mersenne Twister seeded with `seed`, sampling from the sorted ids."""
    return random.Random(seed).sample(sorted(population), size)
