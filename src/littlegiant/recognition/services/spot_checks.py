"""On-site spot checks (实地抽查): a seeded, recorded draw per stage and region, and the findings."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from littlegiant.permissions import ensure
from littlegiant.recognition.models import (
    Application,
    ApplicationStatus,
    ReviewStage,
    SpotCheck,
    SpotCheckDraw,
)
from littlegiant.recognition.permissions import (
    acting_assignment,
    stage_decision,
    within_assignment,
)
from littlegiant.recognition.services._steps import (
    _draw_sample,
    _record,
    reviewer_role,
)

if TYPE_CHECKING:
    from littlegiant.accounts.models import User


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
        population_qs = population_qs.filter(within_assignment(assignment, path_field="region_path"))
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
                role=reviewer_role(assignment),
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
        assignment = acting_assignment(by, check.draw.stage.level, application.region)
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
            role=reviewer_role(assignment),
        )
    return check
