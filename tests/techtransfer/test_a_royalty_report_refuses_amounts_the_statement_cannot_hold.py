"""F8 of the security review: reported figures are bounded before any arithmetic, naming the field.

26 digits were stored as REAL 1e+26 on SQLite (a numeric overflow on PostgreSQL); `1e300000` and 5,000 digits
made `to_fen().quantize` raise InvalidOperation (a 500). The money columns hold 14 digits before the point.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from littlegiant.techtransfer import services
from littlegiant.techtransfer.models import Statement
from tests.techtransfer.conftest import click_through

pytestmark = pytest.mark.django_db


@pytest.fixture
def paying_licence(listing, alice, alpha):
    licence = services.accept_standard_licence(
        listing, enterprise=alpha, by=alice, click=click_through(), today=date(2026, 1, 5)
    )
    services.follow_up_licences(today=date(2027, 1, 5))
    return licence


def _report(licence, by, net_sales):
    return services.report_period(
        licence,
        by=by,
        period_start=date(2027, 1, 5),
        period_end=date(2027, 3, 31),
        net_sales=net_sales,
        today=date(2027, 4, 2),
    )


@pytest.mark.parametrize(
    "amount",
    [Decimal("99999999999999999999999999"), Decimal("1e300000"), Decimal("1" * 5000), Decimal("1e14")],
    ids=["26 digits", "1e300000", "5000 digits", "10^14"],
)
def test_it_is_refused_naming_net_sales_and_nothing_is_issued(paying_licence, alice, amount):
    with pytest.raises(ValidationError) as refusal:
        _report(paying_licence, alice, amount)
    assert list(refusal.value.message_dict) == ["net_sales"]
    assert "net_sales" in refusal.value.message_dict["net_sales"][0]
    assert not Statement.objects.exists()


def test_the_largest_amount_the_columns_hold_is_accepted(paying_licence, alice):
    statement = _report(paying_licence, alice, Decimal("99999999999999.99"))
    assert statement.base == Decimal("99999999999999.99")
