from django.urls import reverse

from littlegiant.assessment.services import applicable_pack_ids
from littlegiant.rules import registry


def test_every_applicable_pack_has_a_card_with_its_criteria(client, alice, alpha):
    client.force_login(alice)
    response = client.get(reverse("assessment:self", args=[alpha.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    for pack_id in applicable_pack_ids(response.context["today"]):
        assert f'data-pack="{pack_id}"' in html
        for criterion in registry.get(pack_id).criteria:
            assert f'data-criterion="{criterion.id}"' in html
    assert 'class="criterion met"' in html


def test_the_tier_ladder_is_at_the_top(client, alice, alpha):
    client.force_login(alice)
    response = client.get(reverse("assessment:self", args=[alpha.pk]))
    html = response.content.decode()
    assert html.index('id="tier-summary"') < html.index('class="card pack-card')
    assert response.context["ladder"].steps


def test_one_pack_can_be_chosen(client, alice, alpha):
    client.force_login(alice)
    response = client.get(reverse("assessment:self", args=[alpha.pk]), {"pack": "cn.miit.srdi-sme.2022"})
    assert [d["pack"]["id"] for d in response.context["documents"]] == ["cn.miit.srdi-sme.2022"]


def test_an_unknown_year_or_pack_is_not_found(client, alice, alpha):
    client.force_login(alice)
    url = reverse("assessment:self", args=[alpha.pk])
    assert client.get(url, {"year": 1999}).status_code == 404
    assert client.get(url, {"pack": "cn.nowhere.1"}).status_code == 404
