"""A provisional 2026 pack is flagged."""

from django.urls import reverse


def test_a_provisional_2026_pack_is_flagged(client, alice, alpha):
    client.force_login(alice)
    response = client.get(reverse("assessment:self", args=[alpha.pk]), {"pack": "cn.miit.srdi-sme.2026"})
    document = response.context["documents"][0]
    assert document["pack"]["provisional"] is True
    assert 'class="tag secondary"' in response.content.decode()
