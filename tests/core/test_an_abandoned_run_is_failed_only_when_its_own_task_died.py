"""When a worker dies, `runs.fail_if_abandoned` fails the unfinished run the dead task was running, and removes
its scratch folder; another task's death, or a run already finished, is left alone."""

from __future__ import annotations

import datetime as dt

from littlegiant import runs
from littlegiant.scenarios.execution import fail_run
from littlegiant.scenarios.models import Scenario, ScenarioRun
from littlegiant.scenarios.tasks import run_scenario

TASK = run_scenario.module_path


def _run(hangzhou_reviewer, **values) -> ScenarioRun:
    scenario = Scenario.objects.create(
        name="+10%", base_pack_id="cn.miit.srdi-sme.2022", year=2025, created_by=hangzhou_reviewer
    )
    return ScenarioRun.objects.create(
        scenario=scenario, requested_by=hangzhou_reviewer, evaluation_date=dt.date(2026, 1, 1), **values
    )


def _abandon(run: ScenarioRun, task_path: str, scratch) -> None:
    runs.fail_if_abandoned(
        ScenarioRun.objects, TASK, fail_run, task_path=task_path, args=[run.pk], reason="gone", scratch=scratch,
        signal=object(), kwargs={},
    )  # fmt: skip


def test_it_fails_the_run_and_removes_its_folder(hangzhou_reviewer, tmp_path):
    run = _run(hangzhou_reviewer, status="running")
    (tmp_path / str(run.pk)).mkdir()
    _abandon(run, TASK, tmp_path)
    run.refresh_from_db()
    assert (run.status, run.error) == ("failed", "gone")
    assert not (tmp_path / str(run.pk)).exists()


def test_it_leaves_the_run_of_another_task_alone(hangzhou_reviewer, tmp_path):
    run = _run(hangzhou_reviewer, status="running")
    (tmp_path / str(run.pk)).mkdir()
    _abandon(run, "littlegiant.policies.tasks.run_policy", tmp_path)
    run.refresh_from_db()
    assert run.status == "running"
    assert (tmp_path / str(run.pk)).exists()


def test_it_leaves_a_finished_run_alone(hangzhou_reviewer, tmp_path):
    run = _run(hangzhou_reviewer, status="done")
    _abandon(run, TASK, tmp_path)
    run.refresh_from_db()
    assert run.status == "done"
