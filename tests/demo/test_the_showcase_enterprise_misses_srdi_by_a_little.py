"""The owner's enterprise is a strong SRDI candidate that misses only the 3% R&D intensity, by a little."""

from decimal import Decimal

from littlegiant.demo.people import SHOWCASE_NAME
from littlegiant.enterprises.models import Enterprise, Membership


def test_the_owner_and_the_delegate_act_for_it(small_demo):
    showcase = Enterprise.objects.get(name=SHOWCASE_NAME)
    roles = dict(Membership.objects.filter(enterprise=showcase).values_list("user__username", "role"))
    assert roles == {"owner": "owner", "delegate": "delegate"}


def test_r_and_d_is_just_under_three_percent_while_the_other_conditions_hold(small_demo):
    """SRDI 2022 conditions: niche ≥ 2 years; R&D ≥ 100万 and ≥ 3% of revenue; revenue ≥ 1000万."""
    filing = Enterprise.objects.get(name=SHOWCASE_NAME).filings.get(year=2025)
    intensity = filing.rd_expense / filing.operating_revenue
    assert Decimal("0.027") <= intensity < Decimal("0.03")
    assert filing.rd_expense >= 1_000_000
    assert filing.niche_years >= 2
    assert filing.operating_revenue >= 10_000_000
