"""When a worker dies, `runs.fail_if_abandoned` fails the unfinished run the dead task was running, and removes
its scratch folder; another task's death, or a run already finished, is left alone."""

from __future__ import annotations

import datetime as dt

from littlegiant import runs
from littlegiant.scenarios.execution import fail_run
from littlegiant.scenarios.models import Scenario, ScenarioRun
from littlegiant.scenarios.tasks import run_scenario


def _run(hangzhou_reviewer, status: str) -> ScenarioRun:
    scenario = Scenario.objects.create(
        name="+10%", base_pack_id="cn.miit.srdi-sme.2022", year=2025, created_by=hangzhou_reviewer
    )
    return ScenarioRun.objects.create(
        scenario=scenario, requested_by=hangzhou_reviewer, evaluation_date=dt.date(2026, 1, 1), status=status
    )


def _abandon(run: ScenarioRun, task_path: str) -> None:
    runs.fail_if_abandoned(
        ScenarioRun.objects, run_scenario, fail_run, "scratch", task_path=task_path, args=[run.pk], reason="gone",
        signal=object(), kwargs={},
    )  # fmt: skip


def test_it_fails_the_run_and_removes_its_folder(hangzhou_reviewer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    run = _run(hangzhou_reviewer, "running")
    (tmp_path / "scratch" / str(run.pk)).mkdir(parents=True)
    _abandon(run, run_scenario.module_path)
    run.refresh_from_db()
    assert (run.status, run.error) == ("failed", "gone")
    assert not (tmp_path / "scratch" / str(run.pk)).exists()


def test_it_leaves_the_run_of_another_task_alone(hangzhou_reviewer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    run = _run(hangzhou_reviewer, "running")
    (tmp_path / "scratch" / str(run.pk)).mkdir(parents=True)
    _abandon(run, "littlegiant.policies.tasks.run_policy")
    run.refresh_from_db()
    assert run.status == "running"
    assert (tmp_path / "scratch" / str(run.pk)).exists()


def test_it_leaves_a_finished_run_alone(hangzhou_reviewer):
    run = _run(hangzhou_reviewer, "done")
    _abandon(run, run_scenario.module_path)
    run.refresh_from_db()
    assert run.status == "done"
