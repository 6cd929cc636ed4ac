"""Demo data for assessment: one finished screening of the demo province, for the screening page."""

from __future__ import annotations

import random
from collections.abc import Callable

from django.utils import timezone

from littlegiant.accounts.demo import DemoAccount
from littlegiant.assessment.execution import execute_screening
from littlegiant.assessment.models import ScreeningRun
from littlegiant.assessment.services import applicable_pack_ids, start_screening
from littlegiant.enterprises.demo import demo_register


def build(*, seed: int, log: Callable[[str], None]) -> list[DemoAccount]:
    """Run one screening for the demo province's reviewer, in this process (no worker needed)."""
    random.Random(seed)  # nothing to draw: the screening is determined by the data already built
    register = demo_register("assessment", log, nothing="no screening run.")
    if register is None:
        return []
    official, province, year = register.official, register.province, register.year
    if ScreeningRun.objects.filter(requested_by=official, status="done").exists():
        log("assessment: the demo screening already exists.")
        return []
    # Queue without the task backend (the demo worker may not be running yet), then run it here.
    run = start_screening(official, _demo_packs(), year, province, enqueue=False)
    run = execute_screening(run.pk)
    log(f"assessment: screened {run.total} enterprises of Zhejiang for {year} ({', '.join(run.pack_ids)}).")
    return []


def _demo_packs() -> list[str]:
    return applicable_pack_ids(timezone.localdate())
