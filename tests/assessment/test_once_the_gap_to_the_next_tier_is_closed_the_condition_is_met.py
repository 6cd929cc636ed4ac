"""Once the gap to the next tier is closed the condition is met."""

from decimal import Decimal

from django.urls import reverse

from tests.assessment.conftest import set_filing
from tests.assessment.test_the_self_assessment_names_the_gap_to_the_next_tier import _short_of_rd


def test_once_the_gap_is_closed_the_condition_is_met(client, alice, alpha):
    _short_of_rd(alpha)
    set_filing(alpha, rd_expense=Decimal("2580000"))
    client.force_login(alice)
    response = client.get(reverse("assessment:self", args=[alpha.pk]))
    ladder = response.context["ladder"]
    assert ladder.reached.tier in {"srdi_sme", "little_giant"}
