"""The gap to the next tier is in English in the English interface."""

from django.urls import reverse
from django.utils.html import escape

from tests.assessment.test_the_self_assessment_names_the_gap_to_the_next_tier import _short_of_rd


def test_the_gap_is_in_english_in_the_english_interface(client, alice, alpha):
    _short_of_rd(alpha)
    client.force_login(alice)
    client.cookies["django_language"] = "en"
    response = client.get(reverse("assessment:self", args=[alpha.pk]))
    ladder = response.context["ladder"]
    srdi = next(d for d in response.context["documents"] if d["pack"]["id"] == ladder.next.pack_id)
    html = response.content.decode()
    assert escape(srdi["gaps"][0]["message_en"]) in html
    assert "You qualify as an innovative SME." in html
