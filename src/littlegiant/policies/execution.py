"""A queued policy run carried out in the worker (免申即享): the region's filings and titles written to Parquet,
the policy's conditions run on the batch engine, the qualifying enterprises kept.

`tasks.run_policy` calls `execute_run`; `services.start_run` enqueues that task. This module sits below both,
so neither needs to import the other inside a function.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from littlegiant import runs
from littlegiant.accounts.jurisdiction import within_region
from littlegiant.assessment.execution import write_filing_records
from littlegiant.enterprises.models import AnnualFiling, Enterprise
from littlegiant.policies.batch import TITLE_COLUMNS, qualifying_file
from littlegiant.policies.matching import TITLE_OF_TIER, terms_of
from littlegiant.policies.models import PolicyEvent, PolicyMatch, PolicyRun
from littlegiant.recognition.models import Recognition

logger = logging.getLogger(__name__)

RUNS_DIR = "policy_runs"
MATCH_CHUNK = 2000
WORKER = "worker"


def run_filings(run: PolicyRun):
    """The filings of the run's year of the enterprises it reads."""
    return AnnualFiling.objects.filter(year=run.year, enterprise__in=run_enterprises(run).values("pk"))


def run_enterprises(run: PolicyRun):
    """The enterprises a run reads: in its region, and visible to the official who asked."""
    enterprises = Enterprise.objects.for_user(run.requested_by)
    if run.region_id:
        enterprises = enterprises.filter(within_region(run.region, region_field="region"))
    return enterprises


def execute_run(run_id: int) -> PolicyRun:
    """Export the region's filings, run the policy on the batch engine, keep the qualifying enterprises."""
    return runs.execute(
        PolicyRun.objects.select_related("policy", "region", "requested_by"),
        run_id,
        name="Policy run",
        logger=logger,
        total=lambda run: run_filings(run).count(),
        work=_find_qualifying,
        finished=lambda run, before: _record(
            run, before, "finish", _("%(count)s enterprises qualify.") % {"count": run.qualifying}
        ),
        failed=fail_run,
    )


def _find_qualifying(run: PolicyRun) -> dict[str, Any]:
    """The work of a run, in a folder of its own removed afterwards: the number of enterprises that qualify."""
    folder = Path(settings.MEDIA_ROOT) / RUNS_DIR / str(run.pk)
    try:
        filings = run_filings(run)
        enterprises = run_enterprises(run)
        folder.mkdir(parents=True, exist_ok=True)
        progress = runs.progress(PolicyRun.objects, run.pk, run.total)
        write_filing_records(filings, folder / "records.parquet", progress=progress)
        _write_titles(run, enterprises, folder / "titles.parquet")
        conditions = terms_of(run.policy).conditions
        qualifying_file(conditions, folder / "records.parquet", folder / "qualifying.parquet",
                        titles=folder / "titles.parquet")  # fmt: skip
        return {"qualifying": _keep_matches(run, folder / "qualifying.parquet")}
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _record(run: PolicyRun, before: str, action: str, comment: str) -> None:
    PolicyEvent.record(
        policy_id=run.policy_id, actor=None, role=WORKER, action=action, from_state=before,
        to_state=run.status, region=run.region_id or "", comment=comment,
    )  # fmt: skip


def _write_titles(run: PolicyRun, enterprises, path: Path) -> None:
    """The titles valid on the run's date, by credit code (the records carry the digital level that counts)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    held: dict[str, dict[str, bool]] = {}
    valid = Recognition.objects.valid_on(run.evaluation_date).filter(enterprise__in=enterprises.values("pk"))
    for code, tier in valid.values_list("enterprise__credit_code", "tier").iterator(chunk_size=MATCH_CHUNK):
        held.setdefault(code, {})[TITLE_OF_TIER[tier]] = True
    codes = sorted(held)
    columns: dict[str, Any] = {"credit_code": pa.array(codes, pa.string())}
    for name in TITLE_COLUMNS:
        columns[name] = pa.array([held.get(code, {}).get(name, False) for code in codes], pa.bool_())
    pq.write_table(pa.table(columns), path)


def _keep_matches(run: PolicyRun, path: Path) -> int:
    import pyarrow.parquet as pq

    count = 0
    source = pq.ParquetFile(path)
    for batch in source.iter_batches(batch_size=MATCH_CHUNK, columns=["credit_code"]):
        codes = batch.column(0).to_pylist()
        ids = Enterprise.objects.filter(credit_code__in=codes).values_list("pk", flat=True)
        PolicyMatch.objects.bulk_create([PolicyMatch(run=run, enterprise_id=pk) for pk in ids])
        count += len(codes)
    return count


def fail_run(run_id: int, message: str) -> PolicyRun:
    """Mark a run failed, keeping the error for the official who started it."""
    return runs.fail(
        PolicyRun.objects, run_id, message, record=lambda run, before: _record(run, before, "fail", run.error)
    )
