"""Expert review (双随机): a reproducible draw free of conflicts, the experts' scores and their mean."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from littlegiant.recognition.models import (
    Application,
    ApplicationStatus,
    Expert,
    ExpertDraw,
    ExpertReview,
    ReviewStage,
)
from littlegiant.recognition.services._steps import (
    _draw_sample,
    _lock_for_review,
    _notify,
    _record,
)

if TYPE_CHECKING:
    from littlegiant.accounts.models import User


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
        application = _lock_for_review(application, by=by)
        stage = application.current_stage
        if not stage.expert_review or application.status != ApplicationStatus.IN_REVIEW:
            raise PermissionDenied(_("This stage has no expert review."))
        if application.expert_draws.filter(stage=stage).exists():
            raise PermissionDenied(_("Experts were already drawn for this application at this stage."))
        enterprise = application.enterprise
        linked = set(enterprise.linked_experts.values_list("pk", flat=True))
        members = set(enterprise.memberships.values_list("user_id", flat=True))
        pool = list(Expert.objects.filter(active=True).select_related("region", "user").order_by("pk"))
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
        # Experts without an account cannot sign in to score, so only those with one are told.
        with translation.override(settings.LANGUAGE_CODE):
            _notify(
                [by_pk[pk].user for pk in drawn if by_pk[pk].user is not None],
                _("Expert review assigned"),
                _("You were drawn to review an application: %(name)s. Sign in to score it.")
                % {"name": enterprise.name},
                link=reverse("recognition:home"),
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
