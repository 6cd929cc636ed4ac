"""SRDI condition 2 (2022 Annex 2, 二(二); 2026 Annex 1 ③): R&D expense at least 3% of operating revenue."""

from decimal import Decimal

from django.urls import reverse
from django.utils.html import escape

from tests.assessment.conftest import set_filing, srdi_ready_values


def _short_of_rd(alpha):
    # 2.8% of 86,000,000 yuan: everything else about Alpha is comfortably an SRDI SME.
    return set_filing(alpha, rd_expense=Decimal("2408000"), **srdi_ready_values())


def test_the_ladder_says_what_srdi_lacks(client, alice, alpha):
    _short_of_rd(alpha)
    client.force_login(alice)
    response = client.get(reverse("assessment:self", args=[alpha.pk]))
    ladder = response.context["ladder"]
    assert ladder.reached is not None and ladder.reached.tier == "innovative_sme"
    assert ladder.next.tier == "srdi_sme"
    srdi = next(d for d in response.context["documents"] if d["pack"]["id"] == ladder.next.pack_id)
    rd_gaps = [g for g in srdi["gaps"] if any(c["field"] == "rd_expense" for c in g["changes"])]
    assert rd_gaps, srdi["gaps"]
    html = response.content.decode()
    assert escape(rd_gaps[0]["message_zh"]) in html
    assert 'class="criterion unmet"' in html
