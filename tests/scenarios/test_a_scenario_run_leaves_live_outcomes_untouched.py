"""A scenario never touches live decisions (issue 13 §4: "they never touch live decisions"): after a what-if
that would take the SRDI outcome from the registry's enterprises, every row outside the scenarios app — the
enterprises, their filings, screenings and their results, recognitions, applications — is exactly as before,
and the variant pack cannot be resolved for any application (decision D11)."""

import datetime as dt

from django.apps import apps
from django.core import serializers

from littlegiant.rules import registry
from littlegiant.scenarios.services import create_scenario, scenario_packs
from tests.scenarios.conftest import REVENUE_THRESHOLD, SRDI_2022, run_scenario

SKIPPED = {"scenarios", "sessions", "django_tasks_database", "django_tasks_db", "operations"}


def _snapshot() -> dict[str, str]:
    found = {}
    for model in apps.get_models():
        if model._meta.app_label in SKIPPED or model._meta.proxy:
            continue
        found[model._meta.label] = serializers.serialize("json", model.objects.order_by("pk"))
    return found


def test_live_rows_are_unchanged_after_a_what_if(
    provincial_reviewer, alpha, beta, django_capture_on_commit_callbacks, settings, tmp_path
):
    from littlegiant.assessment.execution import execute_screening
    from littlegiant.assessment.services import start_screening

    screening = execute_screening(start_screening(provincial_reviewer, [SRDI_2022], 2025, enqueue=False).pk)
    assert screening.status == "done"
    before = _snapshot()
    scenario = create_scenario(
        provincial_reviewer,
        name="1亿",
        base_pack_id=SRDI_2022,
        year=2025,
        changes={REVENUE_THRESHOLD: "100000000"},
    )
    run = run_scenario(provincial_reviewer, scenario, django_capture_on_commit_callbacks)
    assert run.status == "done", run.error
    assert run.summary["losses"] >= 1  # the what-if did move someone
    after = _snapshot()
    changed = [label for label in before if before[label] != after[label]]
    assert changed == []
    base, variant = scenario_packs(scenario)
    assert variant.applies == {} and variant.id not in registry.ids()
    assert registry.resolve("srdi_sme", dt.date(2025, 6, 1)).id == base.id
