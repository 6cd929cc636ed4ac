"""Demo data for the policy what-if: two saved scenarios of the demo province, each with a finished run."""

from __future__ import annotations

import random
from collections.abc import Callable

from littlegiant.accounts.demo import DemoAccount
from littlegiant.enterprises.demo import demo_register
from littlegiant.scenarios.execution import execute_run
from littlegiant.scenarios.models import Scenario
from littlegiant.scenarios.services import (
    SRDI_2022,
    create_builtin_comparison,
    create_scenario,
    start_run,
)

# 附件2 认定条件3: the SRDI revenue threshold, raised from 1000万元 to 1500万元 in the demo's what-if.
REVENUE_THRESHOLD = "criterion.revenue_condition.test.1"


def build(*, seed: int, log: Callable[[str], None]) -> list[DemoAccount]:
    """A raised SRDI revenue threshold and the built-in 2022/2026 comparison, run here (no worker needed)."""
    random.Random(seed)  # nothing to draw: the runs are determined by the data already built
    register = demo_register("scenarios", log, nothing="no scenario.")
    if register is None:
        return []
    official, province, year = register.official, register.province, register.year
    if Scenario.objects.filter(created_by=official).exists():
        log("scenarios: the demo scenarios already exist.")
        return []
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
