"""The self-assessment of an unknown year or pack is not found."""

from django.urls import reverse


def test_an_unknown_year_or_pack_is_not_found(client, alice, alpha):
    client.force_login(alice)
    url = reverse("assessment:self", args=[alpha.pk])
    assert client.get(url, {"year": 1999}).status_code == 404
    assert client.get(url, {"pack": "cn.nowhere.1"}).status_code == 404
