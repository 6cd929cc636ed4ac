"""Lists: no N+1 — the catalogue and a run's qualifying enterprises cost the same number of queries for many
rows as for few (house rule: "assert query counts with django_assert_max_num_queries")."""

from django.test import Client

from littlegiant.enterprises.models import AnnualFiling
from littlegiant.policies.execution import execute_run
from littlegiant.policies.services import create_policy, start_run
from tests.cast import good_filing_values, make_enterprise
from tests.policies.conftest import policy_data


def test_the_catalogue_and_a_run_page_do_not_grow_with_their_rows(
    hangzhou_reviewer, settings, tmp_path, django_assert_max_num_queries
):
    settings.MEDIA_ROOT = tmp_path
    for index in range(30):
        firm = make_enterprise(f"企业{index}", "330106", f"MA{index:06d}")
        AnnualFiling.objects.create(enterprise=firm, year=2025, **good_filing_values())
        create_policy(policy_data(title=f"政策{index}"), by=hangzhou_reviewer)
    policy = create_policy(policy_data(), by=hangzhou_reviewer)
    run = execute_run(start_run(policy, by=hangzhou_reviewer, year=2025, enqueue=False).pk)
    assert run.qualifying == 30
    client = Client()
    client.force_login(hangzhou_reviewer)
    with django_assert_max_num_queries(12):
        assert client.get("/policies/").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(f"/policies/runs/{run.pk}/").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(f"/api/policies/runs/{run.pk}/enterprises").status_code == 200
