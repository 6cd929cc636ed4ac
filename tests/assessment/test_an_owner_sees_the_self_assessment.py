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
