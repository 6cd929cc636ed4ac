"""Batch screenings: an official runs rule packs over every enterprise of a jurisdiction in the background.

Self-assessments keep no rows: they are computed from the latest annual filing each time they are shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from littlegiant.accounts.jurisdiction import region_scope
from littlegiant.audit import AuditEventKeptAfterActor
from littlegiant.model_fields import optional_foreign_key
from littlegiant.permissions import is_signed_in
from littlegiant.runs import BackgroundRun, RunStatus

if TYPE_CHECKING:
    from littlegiant.accounts.models import User


class ScreeningRunQuerySet(models.QuerySet["ScreeningRun"]):
    def for_user(self, user: User) -> ScreeningRunQuerySet:
        """Runs this user started, and runs over regions inside their reviewer jurisdiction."""
        if not is_signed_in(user):
            return self.none()
        return self.filter(Q(requested_by=user) | region_scope(user, region_field="region"))


class ScreeningRun(BackgroundRun):
    """One batch screening (批量筛查): rule packs over a region's filings for a year."""

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="screening_runs",
        verbose_name=_("requested by"),
    )
    # Empty region: the whole country (national reviewers and administrators only).
    region = optional_foreign_key("reference.Region", related_name="screening_runs", verbose_name=_("region"))
    pack_ids = models.JSONField(_("rule packs"), default=list)
    year = models.PositiveSmallIntegerField(_("reference year"))
    evaluation_date = models.DateField(_("evaluated on"))
    # Relative to MEDIA_ROOT, without extension: the results exist as .csv and .parquet beside it.
    result_path = models.CharField(_("result file"), max_length=255, blank=True)
    # pack id -> outcome -> number of enterprises
    summary = models.JSONField(_("summary by outcome"), default=dict, blank=True)

    objects = ScreeningRunQuerySet.as_manager()

    class Meta(BackgroundRun.Meta):
        verbose_name = _("screening run")
        verbose_name_plural = _("screening runs")
        constraints = [
            *BackgroundRun.Meta.constraints,
            models.CheckConstraint(
                condition=~Q(status=RunStatus.DONE) | ~Q(result_path=""),
                name="%(app_label)s_%(class)s_done_has_result",
                violation_error_message=_("A finished screening must have a result file."),
            ),
        ]

    def __str__(self) -> str:
        where = self.region.name if self.region_id else _("whole country")
        return f"{where} · {self.year} · {self.get_status_display()}"

    @property
    def summary_id(self) -> str:
        return f"summary-{self.pk}"


class ScreeningEvent(AuditEventKeptAfterActor):
    """A change of a screening run's status: who (or the worker), in which role, from → to, why; the person who
    started a run may leave, and its trail stays."""

    run = models.ForeignKey(ScreeningRun, on_delete=models.CASCADE, related_name="events")

    class Meta(AuditEventKeptAfterActor.Meta):
        verbose_name = _("screening event")
        verbose_name_plural = _("screening events")

    def __str__(self) -> str:
        return f"{self.run_id}: {self.from_state or '∅'} → {self.to_state}"
