"""Scenarios are shared within the jurisdiction (issue 13 §4: "saved and shared within the jurisdiction"): the
Hangzhou reviewer's what-if is seen by the province, never by Ningbo; the province's what-if (which lists
Ningbo's movers) is not seen by the Hangzhou reviewer, on the pages, the download or the API."""

import pytest
from django.test import Client
from django.urls import reverse

from littlegiant.scenarios.models import Mover, Scenario
from littlegiant.scenarios.services import create_scenario
from tests.scenarios.conftest import REVENUE_THRESHOLD, SRDI_2022, run_scenario


@pytest.fixture
def runs(hangzhou_reviewer, provincial_reviewer, alpha, beta, django_capture_on_commit_callbacks):
    made = {}
    for name, person in (("hangzhou", hangzhou_reviewer), ("province", provincial_reviewer)):
        scenario = create_scenario(
            person, name=f"{name} 9000万", base_pack_id=SRDI_2022, year=2025,
            changes={REVENUE_THRESHOLD: "900000000"},
        )  # fmt: skip
        made[name] = run_scenario(person, scenario, django_capture_on_commit_callbacks)
        assert made[name].status == "done", made[name].error
    return made


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _urls(run):
    return [
        reverse("scenarios:detail", args=[run.scenario_id]),
        reverse("scenarios:run", args=[run.pk]),
        reverse("scenarios:result", args=[run.pk]),
        reverse("scenarios:movers_export", args=[run.pk, "csv"]),
        f"/api/scenarios/{run.scenario_id}",
        f"/api/scenarios/runs/{run.pk}",
        f"/api/scenarios/runs/{run.pk}/result",
        f"/api/scenarios/runs/{run.pk}/movers",
    ]


def test_the_province_sees_the_hangzhou_scenario_and_its_movers(runs, provincial_reviewer, alpha):
    client = _client(provincial_reviewer)
    assert set(Scenario.objects.for_user(provincial_reviewer)) == {
        runs["hangzhou"].scenario,
        runs["province"].scenario,
    }
    for url in _urls(runs["hangzhou"]):
        assert client.get(url).status_code == 200, url
    assert alpha.name in client.get(reverse("scenarios:result", args=[runs["hangzhou"].pk])).content.decode()


def test_ningbo_sees_neither_the_hangzhou_scenario_nor_its_movers(runs, ningbo_reviewer, alpha):
    client = _client(ningbo_reviewer)
    assert not Scenario.objects.for_user(ningbo_reviewer).exists()
    for url in _urls(runs["hangzhou"]):
        assert client.get(url).status_code == 404, url
    listing = client.get(reverse("scenarios:list")).content.decode()
    assert "hangzhou 9000万" not in listing
    assert alpha.name not in client.get("/api/scenarios/").content.decode()


def test_hangzhou_never_sees_the_provinces_movers_in_ningbo(runs, hangzhou_reviewer, beta):
    assert Mover.objects.filter(run=runs["province"], enterprise=beta).exists()
    client = _client(hangzhou_reviewer)
    for url in _urls(runs["province"]):
        assert client.get(url).status_code == 404, url
    assert beta.name not in client.get(reverse("scenarios:list")).content.decode()
    # Its own what-if covers Hangzhou only: Ningbo's enterprise is never assessed in it.
    assert not Mover.objects.filter(run=runs["hangzhou"], enterprise=beta).exists()
