"""One pack can be chosen on the self-assessment."""

from django.urls import reverse


def test_one_pack_can_be_chosen(client, alice, alpha):
    client.force_login(alice)
    response = client.get(reverse("assessment:self", args=[alpha.pk]), {"pack": "cn.miit.srdi-sme.2022"})
    assert [d["pack"]["id"] for d in response.context["documents"]] == ["cn.miit.srdi-sme.2022"]
