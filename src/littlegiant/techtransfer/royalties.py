"""What a licensee owes for a reporting period under "use first, pay later" (先使用后付费) terms.

Framework-free and exact: every amount is a Decimal rounded to the fen with ROUND_HALF_UP, never a float.

How the terms are read (criteria.md §8.5: the trial length and the fee formula are agreed by the parties, no
national rule is confirmed, so these are the platform's own conventions, shown to users as such):

- The free period runs from the licence start to the day before `paying_from`; no day in it is charged.
- Licence years run from `paying_from` to each anniversary. The annual cap applies per licence year.
- Within a licence year the amount is computed cumulatively (as in cumulative withholding, 累计预扣法): due =
  min(cap, rate × base of the year so far) − already charged this year, never below zero. So splitting a
  period into several reports charges exactly what one report would (when the base never falls), and the year
  never goes above its cap, whatever the rounding.
- Percentage of net sales or of profit: a period partly inside the free period counts only its paying days'
  share of the reported figure (days pro rata). A loss counts as zero profit: nothing is ever refunded.
- Fixed annual fee: the fee × paying days in the year so far / days in that licence year (365 or 366).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

FEN = Decimal("0.01")
ZERO = Decimal("0.00")
HUNDRED = Decimal(100)


class RoyaltyBasis(StrEnum):
    """What the royalty is a share of, or a fixed fee."""

    NET_SALES = "net_sales"
    PROFIT = "profit"
    FIXED_FEE = "fixed_fee"


class RoyaltyError(ValueError):
    """Terms or a report that cannot be computed; the message says why."""


@dataclass(frozen=True, slots=True)
class RoyaltyTerms:
    """The payment terms fixed when the licence was taken."""

    basis: RoyaltyBasis
    paying_from: date
    rate_percent: Decimal | None = None
    annual_fee: Decimal | None = None
    annual_cap: Decimal | None = None

    def __post_init__(self) -> None:
        if self.basis is RoyaltyBasis.FIXED_FEE:
            if self.annual_fee is None or self.annual_fee < 0:
                raise RoyaltyError("A fixed annual fee needs a fee of zero or more.")
        elif self.rate_percent is None or not ZERO <= self.rate_percent <= HUNDRED:
            raise RoyaltyError("A royalty needs a rate between 0 and 100 per cent.")
        if self.annual_cap is not None and self.annual_cap < 0:
            raise RoyaltyError("An annual cap cannot be negative.")


@dataclass(frozen=True, slots=True)
class PeriodFigures:
    """One report: the period (both days included) and the figure for the basis (none for a fixed fee)."""

    start: date
    end: date
    net_sales: Decimal | None = None
    profit: Decimal | None = None


@dataclass(frozen=True, slots=True)
class YearToDate:
    """What earlier reports in the same licence year already counted and charged."""

    base: Decimal = ZERO
    paying_days: int = 0
    charged: Decimal = ZERO


@dataclass(frozen=True, slots=True)
class RoyaltyDue:
    """The amount due for one period, with the figures that explain it."""

    amount: Decimal
    base: (
        Decimal  # the period's chargeable base: sales or profit (pro rata to paying days), 0 for a fixed fee
    )
    period_days: int
    paying_days: int
    year_start: date
    year_end: date
    uncapped_year_total: Decimal
    cap_reached: bool
    steps: list[str] = field(default_factory=list)


def to_fen(amount: Decimal) -> Decimal:
    """Round to the fen, half up, as money is rounded in statements."""
    return amount.quantize(FEN, rounding=ROUND_HALF_UP)


def _anniversary(start: date, years: int) -> date:
    try:
        return start.replace(year=start.year + years)
    except ValueError:  # 29 February in a year without one: the anniversary falls on 1 March
        return date(start.year + years, 3, 1)


def licence_year(terms: RoyaltyTerms, day: date) -> tuple[date, date]:
    """The licence year (first and last day) containing a paying day."""
    if day < terms.paying_from:
        raise RoyaltyError(
            f"{day.isoformat()} is inside the free period, which ends before {terms.paying_from}."
        )
    years = day.year - terms.paying_from.year
    while _anniversary(terms.paying_from, years) > day:
        years -= 1
    while _anniversary(terms.paying_from, years + 1) <= day:
        years += 1
    return _anniversary(terms.paying_from, years), _anniversary(terms.paying_from, years + 1) - timedelta(
        days=1
    )


def royalty_due(
    terms: RoyaltyTerms, report: PeriodFigures, year_to_date: YearToDate | None = None
) -> RoyaltyDue:
    """The amount due for one reported period, given what was already charged earlier in the same licence
    year."""
    earlier = year_to_date or YearToDate()
    if report.end < report.start:
        raise RoyaltyError("A period cannot end before it starts.")
    if report.end < terms.paying_from:
        raise RoyaltyError(
            f"The whole period lies in the free period, which ends before {terms.paying_from}."
        )
    paying_start = max(report.start, terms.paying_from)
    year_start, year_end = licence_year(terms, paying_start)
    if report.end > year_end:
        raise RoyaltyError(
            "A period must lie within one licence year: "
            f"split it at {(year_end + timedelta(days=1)).isoformat()}."
        )
    period_days = (report.end - report.start).days + 1
    paying_days = (report.end - paying_start).days + 1
    steps = [f"period {report.start} – {report.end}: {period_days} days, {paying_days} after the free period"]

    if terms.basis is RoyaltyBasis.FIXED_FEE:
        assert terms.annual_fee is not None
        base = ZERO
        year_days = (year_end - year_start).days + 1
        days_so_far = earlier.paying_days + paying_days
        uncapped = to_fen(terms.annual_fee * days_so_far / year_days)
        steps.append(
            f"annual fee {terms.annual_fee} × {days_so_far}/{year_days} days of the licence year = {uncapped}"
        )
    else:
        assert terms.rate_percent is not None
        figure = report.net_sales if terms.basis is RoyaltyBasis.NET_SALES else report.profit
        if figure is None:
            raise RoyaltyError(f"The report needs the period's {terms.basis.value.replace('_', ' ')}.")
        if terms.basis is RoyaltyBasis.NET_SALES and figure < 0:
            raise RoyaltyError("Net sales cannot be negative.")
        base = to_fen(figure * paying_days / period_days) if paying_days != period_days else to_fen(figure)
        if paying_days != period_days:
            steps.append(f"{figure} × {paying_days}/{period_days} paying days = {base}")
        year_base = earlier.base + base
        uncapped = to_fen(max(year_base, ZERO) * terms.rate_percent / HUNDRED)
        steps.append(f"{terms.rate_percent}% × year-to-date base {year_base} = {uncapped}")

    capped = uncapped
    cap_reached = False
    if terms.annual_cap is not None and uncapped >= terms.annual_cap:
        capped = terms.annual_cap
        cap_reached = True
        steps.append(f"annual cap {terms.annual_cap} reached")
    amount = max(to_fen(capped - earlier.charged), ZERO)
    steps.append(f"less {earlier.charged} already charged this licence year = {amount}")
    return RoyaltyDue(
        amount=amount,
        base=base,
        period_days=period_days,
        paying_days=paying_days,
        year_start=year_start,
        year_end=year_end,
        uncapped_year_total=uncapped,
        cap_reached=cap_reached,
        steps=steps,
    )
