"""The R&D super-deduction calculator of an enterprise (研发费用加计扣除计算器): its filing's R&D breakdown, the
result step by step (cn.mof.rd-super-deduction.2023, criteria.md §6, decisions D12–D16), and a "next year"
what-if. Request-free: the page, the API and the tests call these functions."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from littlegiant.assessment.services import filing_record
from littlegiant.enterprises import services as enterprise_services
from littlegiant.enterprises.models import AnnualFiling, Enterprise
from littlegiant.rules import assess_record

if TYPE_CHECKING:
    from littlegiant.accounts.models import User

RD_PACK_ID = "cn.mof.rd-super-deduction.2023"
# The nine R&D items and the tax fields of enterprise-data.md, then the restricted-industry flag the small
# low-profit test reads (2023年第12号): what the calculator shows and edits, in this order.
BREAKDOWN_FIELDS: tuple[str, ...] = (
    "rd_personnel",
    "rd_direct_inputs",
    "rd_depreciation",
    "rd_amortisation",
    "rd_design_fees",
    "rd_other_related",
    "rd_commissioned_domestic",
    "rd_commissioned_overseas",
    "rd_capitalised_amortisation",
    "taxable_income",
    "hnte",
    "ic_or_mother_machine_listed",
    "employees_avg",
    "total_assets_avg",
    "restricted_industry",
)
RESULT_COLUMNS = ("deductible_base", "deduction_rate", "additional_deduction", "tax_before", "tax_after",
                  "tax_saving")  # fmt: skip


@dataclass(frozen=True)
class Calculation:
    """The calculator's result for one filing: this year's explanation and, with `extra`, next year's."""

    year: int
    explanation: dict[str, Any]
    extra: Decimal | None = None
    what_if: dict[str, Any] | None = None

    def written(self, document: Mapping[str, Any] | None = None) -> dict[str, str | None]:
        """The written-out amounts (rounded to the fen) by amount id."""
        document = document or self.explanation
        return {a["id"]: a["value"] for a in document.get("amounts", ()) if a["id"] in RESULT_COLUMNS}

    @property
    def comparison(self) -> list[dict[str, Any]]:
        """This year beside next year, amount by amount (the what-if's rows)."""
        if self.what_if is None:
            return []
        now = {a["id"]: a for a in self.explanation["amounts"]}
        then = {a["id"]: a for a in self.what_if["amounts"]}
        return [{"amount": now[name], "then": then[name]} for name in RESULT_COLUMNS]


def next_year_record(record: Mapping[str, object], extra: Decimal) -> dict[str, object]:
    """Next tax year with `extra` yuan more R&D, spent as R&D staff costs (item 1): the expense itself is
    deductible, so taxable income before the additional deduction falls by the same amount; everything else
    stays as this year (a what-if, not a forecast)."""
    changed = dict(record)
    changed["year"] = int(record["year"]) + 1  # type: ignore[call-overload]
    if changed.get("rd_personnel") is not None:
        changed["rd_personnel"] = Decimal(str(changed["rd_personnel"])) + extra
    if changed.get("taxable_income") is not None:
        changed["taxable_income"] = Decimal(str(changed["taxable_income"])) - extra
    return changed


def calculate(
    filing: AnnualFiling, *, extra: Decimal | None = None, parameters: Mapping[str, object] | None = None
) -> Calculation:
    """The R&D super-deduction of a filing, step by step with citations, and the what-if with `extra` yuan
    more R&D next year."""
    today = timezone.localdate()
    record = filing_record(filing)
    explanation = assess_record(record, [RD_PACK_ID], evaluation_date=today, parameters=parameters)[
        RD_PACK_ID
    ]
    what_if = None
    if extra is not None:
        what_if = assess_record(
            next_year_record(record, extra), [RD_PACK_ID], evaluation_date=today, parameters=parameters
        )[RD_PACK_ID]
    return Calculation(filing.year, explanation, extra, what_if)


def save_breakdown(
    enterprise: Enterprise, year: int, values: Mapping[str, object | None], *, by: User
) -> AnnualFiling:
    """Save the R&D breakdown of one year's filing (the enterprise register's own service: its checks, its
    permission, its history). Raises ValidationError naming each bad field, PermissionDenied with a reason."""
    unknown = [name for name in values if name not in BREAKDOWN_FIELDS]
    if unknown:
        raise ValidationError({name: _("not a field of the R&D breakdown") for name in unknown})
    filing, _created = enterprise_services.save_filing(
        enterprise, year, dict(values), by=by, comment=_("R&D breakdown (R&D super-deduction calculator)")
    )
    return filing
