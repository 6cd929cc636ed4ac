"""Scoping: "a municipal official never lists or edits another city's policy or enterprises" (brief)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from littlegiant.policies.models import Policy
from littlegiant.policies.services import create_policy, execute_run, start_run, update_policy
from tests.policies.conftest import policy_data


def test_the_catalogue_and_the_edit_page_keep_to_the_city(hangzhou_reviewer, hangzhou_policy, ningbo_policy):
    client = Client()
    client.force_login(hangzhou_reviewer)
    page = client.get("/policies/").content.decode()
    assert hangzhou_policy.title in page and ningbo_policy.title not in page
    assert client.get(f"/policies/{ningbo_policy.pk}/").status_code == 404
    assert client.get(f"/policies/{ningbo_policy.pk}/edit/").status_code == 404
    assert client.post(f"/policies/{ningbo_policy.pk}/withdraw/").status_code == 404
    assert list(Policy.objects.managed_by(hangzhou_reviewer)) == [hangzhou_policy]


def test_the_services_refuse_another_citys_policy(hangzhou_reviewer, ningbo_policy):
    with pytest.raises(PermissionDenied):
        update_policy(ningbo_policy, {"title": "改"}, by=hangzhou_reviewer)
    with pytest.raises(PermissionDenied):
        create_policy(policy_data(region="330200"), by=hangzhou_reviewer)


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
