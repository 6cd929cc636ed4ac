"""Demo data for assessment: one finished screening of the demo province, for the screening page."""

from __future__ import annotations

import random
from collections.abc import Callable

from django.db.models import Max
from django.utils import timezone

from littlegiant.accounts.demo import DemoAccount
from littlegiant.accounts.models import ReviewerAssignment
from littlegiant.assessment.execution import execute_screening
from littlegiant.assessment.models import ScreeningRun
from littlegiant.assessment.services import applicable_pack_ids, start_screening
from littlegiant.enterprises.models import AnnualFiling
from littlegiant.reference.models import Region

DEMO_PROVINCE = "330000"


def build(*, seed: int, log: Callable[[str], None]) -> list[DemoAccount]:
    """Run one screening for the demo province's reviewer, in this process (no worker needed)."""
    random.Random(seed)  # nothing to draw: the screening is determined by the data already built
    assignment = (
        ReviewerAssignment.objects.filter(level="provincial", region_id=DEMO_PROVINCE)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if assignment is None:
        log("assessment: no provincial reviewer for Zhejiang in the demo; no screening run.")
        return []
    province = Region.objects.get(pk=DEMO_PROVINCE)
    year = AnnualFiling.objects.filter(enterprise__region__path__startswith=province.path).aggregate(
        y=Max("year")
    )["y"]
    if year is None:
        log("assessment: the demo province has no filings; no screening run.")
        return []
    if ScreeningRun.objects.filter(requested_by=assignment.user, status="done").exists():
        log("assessment: the demo screening already exists.")
        return []
    # Queue without the task backend (the demo worker may not be running yet), then run it here.
    run = start_screening(assignment.user, _demo_packs(), year, province, enqueue=False)
    run = execute_screening(run.pk)
    log(f"assessment: screened {run.total} enterprises of Zhejiang for {year} ({', '.join(run.pack_ids)}).")
    return []


def _demo_packs() -> list[str]:
    return applicable_pack_ids(timezone.localdate())
