"""A queued scenario run carried out in the worker: the filings written to Parquet (as the screening writes
them), both packs assessed on the batch engine, the enterprises whose outcome moves kept.

`tasks.run_scenario` calls `execute_run`; `services.start_run` enqueues that task. This module sits below
both, so neither needs to import the other inside a function.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from littlegiant import runs
from littlegiant.accounts.jurisdiction import within_region
from littlegiant.assessment.execution import write_filing_records
from littlegiant.enterprises.models import AnnualFiling, Enterprise
from littlegiant.reference.models import IndustryClass, Region
from littlegiant.rules import RulePack, registry
from littlegiant.rules.variants import Comparison, compare_file, compare_file_on_spark, make_variant
from littlegiant.scenarios.models import Direction, Mover, Scenario, ScenarioEvent, ScenarioKind, ScenarioRun

if TYPE_CHECKING:
    from littlegiant.accounts.models import User


logger = logging.getLogger(__name__)

WHATIF_DIR = "whatif"
WORKER = "worker"
MOVER_CHUNK = 5000


def variant_id(scenario: Scenario) -> str:
    return f"{scenario.base_pack_id}.scenario-{scenario.pk or 'new'}"


def scenario_packs(scenario: Scenario) -> tuple[RulePack, RulePack]:
    """The scenario's two packs: the base, and its variant (or, for a comparison, the second pack)."""
    base = registry.get(scenario.base_pack_id)
    if scenario.kind == ScenarioKind.COMPARISON:
        return base, registry.get(scenario.compare_pack_id)
    return base, make_variant(base, scenario.changes, variant_id=variant_id(scenario))


def run_filings(scenario: Scenario, user: User) -> QuerySet[AnnualFiling]:
    """The filings a run covers: the year's filings in the scenario's region that the requester may see."""
    enterprises = Enterprise.objects.for_user(user)
    if scenario.region_id:
        enterprises = enterprises.filter(within_region(scenario.region, region_field="region"))
    return AnnualFiling.objects.filter(year=scenario.year, enterprise__in=enterprises.values("pk"))


def comparer() -> Callable[..., Comparison]:
    """The batch engine's comparison: DuckDB here, or Spark when the screening runs there (ASSESSMENT_ENGINE)."""
    return compare_file_on_spark if settings.ASSESSMENT_ENGINE == "spark" else compare_file


def execute_run(run_id: int) -> ScenarioRun:
    """Run a queued scenario: export the filings (as the screening does), assess both packs, keep the movers."""
    return runs.execute(
        ScenarioRun.objects.select_related("scenario__region"),
        run_id,
        name="Scenario run",
        logger=logger,
        total=lambda run: run_filings(run.scenario, run.requested_by).count(),
        work=_compare,
        finished=lambda run, before: _record(
            run, before, "finish", _("%(count)s enterprises assessed.") % {"count": run.total}
        ),
        failed=fail_run,
    )


def _compare(run: ScenarioRun) -> dict[str, Any]:
    """The work of a run, in a folder of its own removed afterwards: both packs over the filings, the movers
    kept; the run's summary."""
    folder = Path(settings.MEDIA_ROOT) / WHATIF_DIR / str(run.pk)
    try:
        scenario = run.scenario
        base, variant = scenario_packs(scenario)
        folder.mkdir(parents=True, exist_ok=True)
        records = folder / "records.parquet"

        progress = runs.progress(ScenarioRun.objects, run.pk, run.total)
        write_filing_records(run_filings(scenario, run.requested_by), records, progress=progress)
        movers_path = folder / "movers.parquet"
        comparison = comparer()(records, movers_path, base, variant)
        return {"summary": _store_movers(run, movers_path, base, variant, comparison)}
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _record(run: ScenarioRun, before: str, action: str, comment: str) -> None:
    ScenarioEvent.record(
        scenario=run.scenario, actor=None, role=WORKER, action=action, from_state=before,
        to_state=run.status, region=run.scenario.region_id or "", comment=comment,
    )  # fmt: skip


def _store_movers(
    run: ScenarioRun, path: Path, base: RulePack, variant: RulePack, comparison: Comparison
) -> dict[str, Any]:
    """The movers' file into Mover rows (enterprise, region, city, section), in chunks; the run's summary."""
    import pyarrow.parquet as pq

    sections = dict(IndustryClass.objects.values_list("code", "division__section_id"))
    regions = {
        code: (path_, province)
        for code, path_, province in Region.objects.values_list("code", "path", "province_code")
    }
    counts = {Direction.GAIN: 0, Direction.LOSS: 0, Direction.SHIFT: 0}
    with transaction.atomic():
        Mover.objects.filter(run=run).delete()
        for batch in pq.ParquetFile(path).iter_batches(batch_size=MOVER_CHUNK):
            rows = batch.to_pylist()
            ids = dict(
                Enterprise.objects.filter(credit_code__in=[r["credit_code"] for r in rows]).values_list(
                    "credit_code", "pk"
                )
            )
            movers = []
            for row in rows:
                region_path, province = regions.get(row["region_code"], ("", ""))
                codes = [c for c in region_path.split("/") if c]
                movers.append(
                    Mover(
                        run=run,
                        enterprise_id=ids[row["credit_code"]],
                        region_id=row["region_code"],
                        city_code=codes[1] if len(codes) > 1 else row["region_code"],
                        province_code=province,
                        section_id=sections.get(row["industry_code"] or ""),
                        size_class=row["size_class"] or "",
                        direction=row["direction"],
                        base_outcome=row["base_outcome"],
                        variant_outcome=row["variant_outcome"],
                        moved_by=list(row["moved_by"] or []),
                    )
                )
                counts[row["direction"]] += 1
            Mover.objects.bulk_create(movers)
    goal_b = {"qualified"} if not base.industries else {"medium", "small", "micro"}
    goal_v = {"qualified"} if not variant.industries else {"medium", "small", "micro"}
    return {
        "rows": comparison.rows,
        "holding_base": sum(n for (b, _v), n in comparison.transitions.items() if b in goal_b),
        "holding_variant": sum(n for (_b, v), n in comparison.transitions.items() if v in goal_v),
        "gains": counts[Direction.GAIN],
        "losses": counts[Direction.LOSS],
        "shifts": counts[Direction.SHIFT],
        "transitions": sorted([b, v, n] for (b, v), n in comparison.transitions.items()),
        # rules.variants.AMOUNT_HOOK: no pack carries an amount yet, so there is no change in the total.
        "amount_change": None if comparison.amount_change is None else str(comparison.amount_change),
    }


def fail_run(run_id: int, message: str) -> ScenarioRun:
    """Mark a run failed, keeping the error for the person who started it."""
    return runs.fail(
        ScenarioRun.objects.select_related("scenario"),
        run_id,
        message,
        record=lambda run, before: _record(run, before, "fail", run.error),
    )
