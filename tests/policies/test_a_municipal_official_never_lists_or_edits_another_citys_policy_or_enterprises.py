"""Scoping: "a municipal official never lists or edits another city's policy or enterprises" (brief)."""

from django.test import Client

from littlegiant.policies.models import Policy


def test_the_catalogue_and_the_edit_page_keep_to_the_city(hangzhou_reviewer, hangzhou_policy, ningbo_policy):
    client = Client()
    client.force_login(hangzhou_reviewer)
    page = client.get("/policies/").content.decode()
    assert hangzhou_policy.title in page and ningbo_policy.title not in page
    assert client.get(f"/policies/{ningbo_policy.pk}/").status_code == 404
    assert client.get(f"/policies/{ningbo_policy.pk}/edit/").status_code == 404
    assert client.post(f"/policies/{ningbo_policy.pk}/withdraw/").status_code == 404
    assert list(Policy.objects.managed_by(hangzhou_reviewer)) == [hangzhou_policy]
