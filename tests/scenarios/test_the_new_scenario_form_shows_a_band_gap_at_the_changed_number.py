"""On the page, a change that leaves a gap between bands (附件2 评价指标1: "B. 70%-80%" up to 75% while "A. 80%以上"
still starts at 80%) is refused at that number's field, nothing is saved, and every other number keeps the
value typed; a valid change saves the scenario and leads to it."""

from django.urls import reverse

from littlegiant.scenarios.models import Scenario
from tests.scenarios.conftest import REVENUE_THRESHOLD, SRDI_2022

B_TO = "criterion.main_share.band.2.to"


def _post(client, **changes):
    url = reverse("scenarios:new") + f"?pack={SRDI_2022}"
    return client.post(url, {"pack": SRDI_2022, "name": "test", "year": 2025, "region": "", **changes})


def test_the_gap_is_named_at_the_band_edge_and_nothing_is_saved(client, provincial_reviewer):
    client.force_login(provincial_reviewer)
    response = _post(client, **{B_TO: "0.75", REVENUE_THRESHOLD: "12000000"})
    assert response.status_code == 200
    form = response.context["form"]
    assert "gap" in " ".join(form.errors[B_TO])
    assert 'value="12000000"' in response.content.decode()
    assert not Scenario.objects.exists()


def test_a_valid_change_is_saved_and_shown(client, provincial_reviewer):
    client.force_login(provincial_reviewer)
    response = _post(client, **{REVENUE_THRESHOLD: "15000000"})
    scenario = Scenario.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "scenarios:detail", args=[scenario.pk]
    )
    assert scenario.changes == {REVENUE_THRESHOLD: "15000000"}
    assert scenario.region_id == "330000"
    page = client.get(response["Location"]).content.decode()
    assert "附件2 认定条件3" in page and "15000000" in page
