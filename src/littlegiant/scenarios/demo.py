"""Demo data for the policy what-if: two saved scenarios of the demo province, each with a finished run."""

from __future__ import annotations

import random
from collections.abc import Callable

from django.db.models import Max

from littlegiant.accounts.demo import DemoAccount
from littlegiant.accounts.models import ReviewerAssignment
from littlegiant.enterprises.models import AnnualFiling
from littlegiant.reference.models import Region
from littlegiant.scenarios.execution import execute_run
from littlegiant.scenarios.models import Scenario
from littlegiant.scenarios.services import (
    SRDI_2022,
    create_builtin_comparison,
    create_scenario,
    start_run,
)

DEMO_PROVINCE = "330000"
# 附件2 认定条件3: the SRDI revenue threshold, raised from 1000万元 to 1500万元 in the demo's what-if.
REVENUE_THRESHOLD = "criterion.revenue_condition.test.1"


def build(*, seed: int, log: Callable[[str], None]) -> list[DemoAccount]:
    """A raised SRDI revenue threshold and the built-in 2022/2026 comparison, run here (no worker needed)."""
    random.Random(seed)  # nothing to draw: the runs are determined by the data already built
    assignment = (
        ReviewerAssignment.objects.filter(level="provincial", region_id=DEMO_PROVINCE)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if assignment is None:
        log("scenarios: no provincial reviewer for Zhejiang in the demo; no scenario.")
        return []
    province = Region.objects.get(pk=DEMO_PROVINCE)
    year = AnnualFiling.objects.filter(enterprise__region__path__startswith=province.path).aggregate(
        y=Max("year")
    )["y"]
    if year is None:
        log("scenarios: the demo province has no filings; no scenario.")
        return []
    if Scenario.objects.filter(created_by=assignment.user).exists():
        log("scenarios: the demo scenarios already exist.")
        return []
    official = assignment.user
    raised = create_scenario(
        official,
        name="专精特新营业收入门槛提高至1500万元",
        base_pack_id=SRDI_2022,
        year=year,
        changes={REVENUE_THRESHOLD: "15000000"},
        region=province,
    )
    compared = create_builtin_comparison(official, year=year, region=province)
    for scenario in (raised, compared):
        run = execute_run(start_run(scenario, by=official, enqueue=False).pk)
        log(
            f"scenarios: {scenario.name}: {run.summary.get('gains', 0)} gain, "
            f"{run.summary.get('losses', 0)} lose over {run.total} filings of {year}."
        )
    return []
