"""Issue 13, third session: a scenario's name and numbers can be changed and the scenario deleted, by its author
or an official whose jurisdiction covers its region, from the pages and the API, each leaving an audit entry.

New numbers make the earlier results stale: the runs (and their movers) go, and the scenario needs a new run.
"""

from __future__ import annotations

import pytest
from django.contrib.admin.models import DELETION, LogEntry
from django.core.exceptions import PermissionDenied, ValidationError

from littlegiant.scenarios import services
from littlegiant.scenarios.models import Mover, Scenario, ScenarioEvent, ScenarioRun
from tests.cast import COUNTY_A
from tests.scenarios.conftest import REVENUE_THRESHOLD, SRDI_2022, add_firm, revenue, run_scenario


@pytest.fixture
def scenario(hangzhou_reviewer, alpha):
    add_firm(COUNTY_A, "MA6E0001", "杭州编辑测试有限公司", **revenue("30000000"))
    return services.create_scenario(
        hangzhou_reviewer, name="5000万", base_pack_id=SRDI_2022, year=2025,
        changes={REVENUE_THRESHOLD: "50000000"},
    )  # fmt: skip


def test_new_numbers_delete_the_stale_results(
    scenario, hangzhou_reviewer, django_capture_on_commit_callbacks
):
    run = run_scenario(hangzhou_reviewer, scenario, django_capture_on_commit_callbacks)
    assert Mover.objects.filter(run=run).count() == 1
    services.edit_scenario(scenario, by=hangzhou_reviewer, changes={REVENUE_THRESHOLD: "40000000"})
    scenario.refresh_from_db()
    assert scenario.changes == {REVENUE_THRESHOLD: "40000000"}
    assert not ScenarioRun.objects.filter(scenario=scenario).exists()
    assert not Mover.objects.exists()
    event = ScenarioEvent.objects.filter(scenario=scenario, action="edit").get()
    assert "40000000" in event.comment and event.actor == hangzhou_reviewer


def test_a_new_name_keeps_the_results(scenario, hangzhou_reviewer, django_capture_on_commit_callbacks):
    run_scenario(hangzhou_reviewer, scenario, django_capture_on_commit_callbacks)
    services.edit_scenario(scenario, by=hangzhou_reviewer, name="四千万", changes=dict(scenario.changes))
    assert Scenario.objects.get(pk=scenario.pk).name == "四千万"
    assert ScenarioRun.objects.filter(scenario=scenario).count() == 1


def test_a_band_gap_is_refused_naming_the_number(scenario, hangzhou_reviewer):
    with pytest.raises(ValidationError) as refused:
        services.edit_scenario(scenario, by=hangzhou_reviewer, changes={REVENUE_THRESHOLD: "不是数字"})
    assert any(key.startswith("changes.") or key == "changes" for key in refused.value.message_dict)
    assert Scenario.objects.get(pk=scenario.pk).changes == {REVENUE_THRESHOLD: "50000000"}


def test_the_provincial_official_may_change_it_and_another_city_may_not(
    scenario, provincial_reviewer, ningbo_reviewer
):
    services.edit_scenario(scenario, by=provincial_reviewer, name="省里改的")
    with pytest.raises(PermissionDenied):
        services.edit_scenario(scenario, by=ningbo_reviewer, name="宁波改的")
    with pytest.raises(PermissionDenied):
        services.delete_scenario(scenario, by=ningbo_reviewer)
    assert Scenario.objects.get(pk=scenario.pk).name == "省里改的"


def test_deleting_takes_the_runs_and_leaves_an_admin_log_entry(
    scenario, hangzhou_reviewer, django_capture_on_commit_callbacks
):
    run_scenario(hangzhou_reviewer, scenario, django_capture_on_commit_callbacks)
    pk = scenario.pk
    services.delete_scenario(scenario, by=hangzhou_reviewer)
    assert not Scenario.objects.filter(pk=pk).exists() and not Mover.objects.exists()
    entry = LogEntry.objects.get(object_id=str(pk), action_flag=DELETION)
    assert entry.user == hangzhou_reviewer and entry.object_repr == "5000万"


def test_the_pages_edit_and_delete(client, scenario, hangzhou_reviewer):
    client.force_login(hangzhou_reviewer)
    assert (
        client.get(f"/scenarios/{scenario.pk}/").content.decode().count(f"/scenarios/{scenario.pk}/edit/")
        == 1
    )
    page = client.get(f"/scenarios/{scenario.pk}/edit/")
    assert page.status_code == 200 and 'value="50000000"' in page.content.decode()
    saved = client.post(f"/scenarios/{scenario.pk}/edit/", {"name": "三千万", REVENUE_THRESHOLD: "30000000"})
    assert saved.status_code == 302
    scenario.refresh_from_db()
    assert (scenario.name, scenario.changes) == ("三千万", {REVENUE_THRESHOLD: "30000000"})
    assert client.get(f"/scenarios/{scenario.pk}/delete/").status_code == 200
    assert client.post(f"/scenarios/{scenario.pk}/delete/").status_code == 302
    assert not Scenario.objects.filter(pk=scenario.pk).exists()


def test_the_api_edits_and_deletes(client, scenario, hangzhou_reviewer, ningbo_reviewer):
    client.force_login(ningbo_reviewer)
    assert client.delete(f"/api/scenarios/{scenario.pk}").status_code == 404
    client.force_login(hangzhou_reviewer)
    edited = client.patch(
        f"/api/scenarios/{scenario.pk}",
        {"changes": {REVENUE_THRESHOLD: "abc"}},
        content_type="application/json",
    )
    assert edited.status_code == 422, edited.content
    assert edited.json()["errors"][0]["field"] == f"changes.{REVENUE_THRESHOLD}"
    edited = client.patch(f"/api/scenarios/{scenario.pk}", {"name": "改名"}, content_type="application/json")
    assert edited.status_code == 200 and edited.json()["name"] == "改名"
    assert client.delete(f"/api/scenarios/{scenario.pk}").status_code == 204
    assert not Scenario.objects.filter(pk=scenario.pk).exists()
