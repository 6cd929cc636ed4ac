"""A provincial policy run by a city lists only that city."""

from littlegiant.policies.execution import execute_run
from littlegiant.policies.services import create_policy, start_run
from tests.policies.conftest import policy_data


def test_a_provincial_policy_run_by_a_city_lists_only_that_city(
    alpha, beta, hangzhou_reviewer, provincial_reviewer, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    policy = create_policy(policy_data(level="provincial", region="330000"), by=provincial_reviewer)
    run = execute_run(start_run(policy, by=hangzhou_reviewer, year=2025, enqueue=False).pk)
    assert run.region_id == "330100"
    assert [m.enterprise for m in run.matches.all()] == [alpha]
    whole = execute_run(start_run(policy, by=provincial_reviewer, year=2025, enqueue=False).pk)
    assert {m.enterprise for m in whole.matches.all()} == {alpha, beta}
