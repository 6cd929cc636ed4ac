"""The what-if's pages make a bounded number of queries however many enterprises move (STYLE.md: "Query-count
assertions on list pages and dashboards, so an N+1 fails a test")."""

from django.urls import reverse

from littlegiant.scenarios.services import create_scenario
from tests.cast import COUNTY_A, COUNTY_B
from tests.scenarios.conftest import REVENUE_THRESHOLD, SRDI_2022, add_firm, revenue, run_scenario

PAGES_QUERIES = 25


def test_the_result_page_does_not_grow_with_the_movers(
    client, provincial_reviewer, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    for n in range(12):
        add_firm(
            (COUNTY_A, COUNTY_B)[n % 2], f"MA7Q{n:04d}", f"查询测试{n:02d}有限公司", **revenue("30000000")
        )
    scenario = create_scenario(
        provincial_reviewer,
        name="5000万",
        base_pack_id=SRDI_2022,
        year=2025,
        changes={REVENUE_THRESHOLD: "50000000"},
    )
    run = run_scenario(provincial_reviewer, scenario, django_capture_on_commit_callbacks)
    assert run.summary["losses"] == 12
    client.force_login(provincial_reviewer)
    for url in (
        reverse("scenarios:list"),
        reverse("scenarios:detail", args=[scenario.pk]),
        reverse("scenarios:result", args=[run.pk]),
        reverse("scenarios:result", args=[run.pk]) + "?region=330100",
    ):
        with django_assert_max_num_queries(PAGES_QUERIES):
            response = client.get(url)
        assert response.status_code == 200, url
    page = client.get(reverse("scenarios:result", args=[run.pk])).content.decode()
    assert "杭州市" in page and "宁波市" in page
