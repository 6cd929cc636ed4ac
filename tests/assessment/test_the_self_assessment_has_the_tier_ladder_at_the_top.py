"""The self-assessment has the tier ladder at the top."""

from django.urls import reverse


def test_the_tier_ladder_is_at_the_top(client, alice, alpha):
    client.force_login(alice)
    response = client.get(reverse("assessment:self", args=[alpha.pk]))
    html = response.content.decode()
    assert html.index('id="tier-summary"') < html.index('class="card pack-card')
    assert response.context["ladder"].steps
