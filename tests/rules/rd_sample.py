"""Sample enterprises for the R&D super-deduction pack (criteria.md §6, decisions D12–D16)."""

from __future__ import annotations

from decimal import Decimal

from littlegiant.identifiers import make_credit_code
from littlegiant.rules.assessment import evaluate_records
from littlegiant.rules.evaluation import PackResult
from tests.rules import sample

PACK = "cn.mof.rd-super-deduction.2023"
WAN = Decimal(10000)


def rd_enterprise(**changes: object) -> dict[str, object]:
    """A 2025 industrial SME (class 3743), neither HNTE nor listed, small low-profit by size: R&D items 1–5 of
    900,000 yuan, other related expenses at their cap of 100,000, no commissioned R&D, taxable income 500万."""
    record: dict[str, object] = {
        "credit_code": make_credit_code("91", "330106", "MA2B3C4D"),
        "industry_code": "3743",
        "year": 2025,
        "rd_personnel": Decimal(600000),
        "rd_direct_inputs": Decimal(200000),
        "rd_depreciation": Decimal(60000),
        "rd_amortisation": Decimal(20000),
        "rd_design_fees": Decimal(20000),
        "rd_other_related": Decimal(100000),
        "rd_commissioned_domestic": Decimal(0),
        "rd_commissioned_overseas": Decimal(0),
        "rd_capitalised_amortisation": Decimal(0),
        "taxable_income": 500 * WAN,
        "hnte": False,
        "ic_or_mother_machine_listed": False,
        "employees_avg": Decimal(120),
        "total_assets_avg": 3000 * WAN,
        "restricted_industry": False,
    }
    record.update(changes)
    return record


def rd_decide(
    records: list[dict[str, object]], parameters: dict[str, object] | None = None
) -> list[PackResult]:
    """Each record's result on the golden tests' engine, after checking the reference evaluator agrees to the
    fen (sample.decide's check, with parameters)."""
    by_sql = evaluate_records(records, [PACK], engine=sample.ENGINE, parameters=parameters)
    by_python = evaluate_records(records, [PACK], engine="python", parameters=parameters)
    for sql, python in zip(by_sql, by_python, strict=True):
        assert sql[PACK] == python[PACK], f"SQL and reference evaluator disagree: {sql} != {python}"
    return [result[PACK] for result in by_sql]


def rd_one(parameters: dict[str, object] | None = None, **changes: object) -> PackResult:
    return rd_decide([rd_enterprise(**changes)], parameters)[0]


def written(result: PackResult, name: str) -> Decimal | None:
    return result.written[name]
