"""Royalty computation: percentage of sales or profit, fixed fee, caps, partial periods, all to the fen."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from littlegiant.techtransfer.royalties import (
    PeriodFigures,
    RoyaltyBasis,
    RoyaltyError,
    RoyaltyTerms,
    YearToDate,
    licence_year,
    royalty_due,
)

PAYING_FROM = date(2026, 1, 1)


def sales_terms(rate: str = "3", cap: str | None = None) -> RoyaltyTerms:
    return RoyaltyTerms(
        basis=RoyaltyBasis.NET_SALES,
        paying_from=PAYING_FROM,
        rate_percent=Decimal(rate),
        annual_cap=Decimal(cap) if cap else None,
    )


def test_a_percentage_of_net_sales_is_rounded_half_up_to_the_fen():
    due = royalty_due(
        sales_terms("3"), PeriodFigures(date(2026, 1, 1), date(2026, 3, 31), net_sales=Decimal("1234.50"))
    )
    assert due.amount == Decimal("37.04")  # 37.035 rounds up


def test_a_percentage_of_profit_is_charged_on_profit():
    terms = RoyaltyTerms(basis=RoyaltyBasis.PROFIT, paying_from=PAYING_FROM, rate_percent=Decimal("40"))
    due = royalty_due(terms, PeriodFigures(date(2026, 1, 1), date(2026, 6, 30), profit=Decimal("250000")))
    assert due.amount == Decimal("100000.00")


def test_a_loss_owes_nothing_and_is_never_negative():
    terms = RoyaltyTerms(basis=RoyaltyBasis.PROFIT, paying_from=PAYING_FROM, rate_percent=Decimal("40"))
    due = royalty_due(terms, PeriodFigures(date(2026, 1, 1), date(2026, 6, 30), profit=Decimal("-80000")))
    assert due.amount == Decimal("0.00")


def test_a_fixed_annual_fee_is_prorated_by_days_for_a_partial_period():
    terms = RoyaltyTerms(basis=RoyaltyBasis.FIXED_FEE, paying_from=PAYING_FROM, annual_fee=Decimal("36500"))
    due = royalty_due(terms, PeriodFigures(date(2026, 1, 1), date(2026, 1, 31)))
    assert due.amount == Decimal("3100.00")


def test_a_full_licence_year_of_fixed_fee_is_the_whole_fee():
    terms = RoyaltyTerms(
        basis=RoyaltyBasis.FIXED_FEE, paying_from=date(2027, 3, 1), annual_fee=Decimal("50000")
    )
    due = royalty_due(terms, PeriodFigures(date(2027, 3, 1), date(2028, 2, 29)))  # 366 days, leap year
    assert due.amount == Decimal("50000.00")


def test_days_inside_the_free_period_are_excluded():
    due = royalty_due(
        sales_terms("10"), PeriodFigures(date(2025, 12, 1), date(2026, 1, 31), net_sales=Decimal("62000"))
    )
    assert (due.period_days, due.paying_days) == (62, 31)
    assert due.base == Decimal("31000.00")
    assert due.amount == Decimal("3100.00")


def test_the_annual_cap_limits_what_a_licence_year_pays():
    first = royalty_due(
        sales_terms("5", cap="10000"),
        PeriodFigures(date(2026, 1, 1), date(2026, 6, 30), net_sales=Decimal("150000")),
    )
    assert first.amount == Decimal("7500.00")
    second = royalty_due(
        sales_terms("5", cap="10000"),
        PeriodFigures(date(2026, 7, 1), date(2026, 12, 31), net_sales=Decimal("150000")),
        YearToDate(base=first.base, paying_days=first.paying_days, charged=first.amount),
    )
    assert second.amount == Decimal("2500.00")
    assert second.cap_reached


def test_the_cap_starts_again_in_the_next_licence_year():
    assert licence_year(sales_terms(), date(2027, 1, 1)) == (date(2027, 1, 1), date(2027, 12, 31))
    due = royalty_due(
        sales_terms("5", cap="10000"),
        PeriodFigures(date(2027, 1, 1), date(2027, 3, 31), net_sales=Decimal("100000")),
    )
    assert due.amount == Decimal("5000.00")


def test_a_period_across_an_anniversary_must_be_split():
    with pytest.raises(RoyaltyError, match="split it at 2027-01-01"):
        royalty_due(sales_terms(), PeriodFigures(date(2026, 12, 1), date(2027, 1, 31), net_sales=Decimal(1)))


def test_a_period_wholly_in_the_free_period_is_refused():
    with pytest.raises(RoyaltyError, match="free period"):
        royalty_due(sales_terms(), PeriodFigures(date(2025, 6, 1), date(2025, 6, 30), net_sales=Decimal(1)))


def test_a_sales_report_without_sales_is_refused():
    with pytest.raises(RoyaltyError, match="net sales"):
        royalty_due(sales_terms(), PeriodFigures(date(2026, 1, 1), date(2026, 1, 31)))


money = st.decimals(min_value=0, max_value=10_000_000, places=2, allow_nan=False, allow_infinity=False)
rates = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False)


@settings(max_examples=200, deadline=None)
@given(rate=rates, cap=money, figures=st.lists(money, min_size=1, max_size=6))
def test_a_licence_year_never_pays_more_than_its_cap(rate, cap, figures):
    terms = RoyaltyTerms(
        basis=RoyaltyBasis.NET_SALES, paying_from=PAYING_FROM, rate_percent=rate, annual_cap=cap
    )
    year_to_date = YearToDate()
    for month, figure in enumerate(figures, start=1):
        start, end = date(2026, month, 1), date(2026, month, 28)
        due = royalty_due(terms, PeriodFigures(start, end, net_sales=figure), year_to_date)
        assert due.amount >= 0
        year_to_date = YearToDate(
            year_to_date.base + due.base,
            year_to_date.paying_days + due.paying_days,
            year_to_date.charged + due.amount,
        )
    assert year_to_date.charged <= cap


@settings(max_examples=200, deadline=None)
@given(
    rate=rates,
    figures=st.lists(money, min_size=2, max_size=6),
    basis=st.sampled_from(["net_sales", "profit"]),
)
def test_splitting_a_period_charges_what_one_report_would(rate, figures, basis):
    terms = RoyaltyTerms(basis=RoyaltyBasis(basis), paying_from=PAYING_FROM, rate_percent=rate)
    year_to_date = YearToDate()
    for month, figure in enumerate(figures, start=1):
        report = PeriodFigures(date(2026, month, 1), date(2026, month, 28), **{basis: figure})
        due = royalty_due(terms, report, year_to_date)
        year_to_date = YearToDate(
            year_to_date.base + due.base,
            year_to_date.paying_days + due.paying_days,
            year_to_date.charged + due.amount,
        )
    whole = royalty_due(
        terms, PeriodFigures(date(2026, 1, 1), date(2026, len(figures), 28), **{basis: sum(figures)})
    )
    assert year_to_date.charged == whole.amount


@settings(max_examples=200, deadline=None)
@given(fee=money, cuts=st.lists(st.integers(min_value=1, max_value=364), unique=True, max_size=5))
def test_splitting_a_fixed_fee_period_charges_what_one_report_would(fee, cuts):
    from datetime import timedelta

    terms = RoyaltyTerms(basis=RoyaltyBasis.FIXED_FEE, paying_from=PAYING_FROM, annual_fee=fee)
    bounds = [0, *sorted(cuts), 365]
    year_to_date = YearToDate()
    for first, after in zip(bounds, bounds[1:], strict=False):
        report = PeriodFigures(PAYING_FROM + timedelta(days=first), PAYING_FROM + timedelta(days=after - 1))
        due = royalty_due(terms, report, year_to_date)
        year_to_date = YearToDate(
            year_to_date.base, year_to_date.paying_days + due.paying_days, year_to_date.charged + due.amount
        )
    assert year_to_date.charged == fee.quantize(Decimal("0.01"))
