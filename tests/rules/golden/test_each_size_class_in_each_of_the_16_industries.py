"""中小企业划型标准规定 (工信部联企业〔2011〕300号) 第四条: every size class in every one of the 16
industries.

"X及以上" is >= X and "X以下" is < X (decision D2). Each case sits exactly on a floor or one unit below it.
"""

from decimal import Decimal

import pytest

from littlegiant.rules.industries import SizeIndustry
from tests.rules.sample import decide, qualifying_enterprise

WAN = Decimal(10000)
# One GB/T 4754-2017 class per industry (criteria.md §1.4b).
CLASS_OF = {
    SizeIndustry.AGRICULTURE: "0111",
    SizeIndustry.INDUSTRY: "3743",
    SizeIndustry.CONSTRUCTION: "4720",
    SizeIndustry.WHOLESALE: "5111",
    SizeIndustry.RETAIL: "5211",
    SizeIndustry.TRANSPORT: "5411",
    SizeIndustry.WAREHOUSING: "5951",
    SizeIndustry.POSTAL: "6010",
    SizeIndustry.ACCOMMODATION: "6110",
    SizeIndustry.CATERING: "6210",
    SizeIndustry.INFORMATION_TRANSMISSION: "6311",
    SizeIndustry.SOFTWARE_IT: "6511",
    SizeIndustry.REAL_ESTATE_DEVELOPMENT: "7010",
    SizeIndustry.PROPERTY_MANAGEMENT: "7020",
    SizeIndustry.LEASING_BUSINESS: "7111",
    SizeIndustry.OTHER: "7310",
}
# criteria.md §1.3, typed in 万元 as the table prints them: (indicator, SME ceiling, medium floor, small
# floor).
TABLE: dict[SizeIndustry, list[tuple[str, Decimal, Decimal, Decimal]]] = {
    SizeIndustry.AGRICULTURE: [("operating_revenue", 20000 * WAN, 500 * WAN, 50 * WAN)],
    SizeIndustry.INDUSTRY: [
        ("employees", 1000, 300, 20),
        ("operating_revenue", 40000 * WAN, 2000 * WAN, 300 * WAN),
    ],
    SizeIndustry.CONSTRUCTION: [
        ("operating_revenue", 80000 * WAN, 6000 * WAN, 300 * WAN),
        ("total_assets", 80000 * WAN, 5000 * WAN, 300 * WAN),
    ],
    SizeIndustry.WHOLESALE: [
        ("employees", 200, 20, 5),
        ("operating_revenue", 40000 * WAN, 5000 * WAN, 1000 * WAN),
    ],
    SizeIndustry.RETAIL: [
        ("employees", 300, 50, 10),
        ("operating_revenue", 20000 * WAN, 500 * WAN, 100 * WAN),
    ],
    SizeIndustry.TRANSPORT: [
        ("employees", 1000, 300, 20),
        ("operating_revenue", 30000 * WAN, 3000 * WAN, 200 * WAN),
    ],
    SizeIndustry.WAREHOUSING: [
        ("employees", 200, 100, 20),
        ("operating_revenue", 30000 * WAN, 1000 * WAN, 100 * WAN),
    ],
    SizeIndustry.POSTAL: [
        ("employees", 1000, 300, 20),
        ("operating_revenue", 30000 * WAN, 2000 * WAN, 100 * WAN),
    ],
    SizeIndustry.ACCOMMODATION: [
        ("employees", 300, 100, 10),
        ("operating_revenue", 10000 * WAN, 2000 * WAN, 100 * WAN),
    ],
    SizeIndustry.CATERING: [
        ("employees", 300, 100, 10),
        ("operating_revenue", 10000 * WAN, 2000 * WAN, 100 * WAN),
    ],
    SizeIndustry.INFORMATION_TRANSMISSION: [
        ("employees", 2000, 100, 10),
        ("operating_revenue", 100000 * WAN, 1000 * WAN, 100 * WAN),
    ],
    SizeIndustry.SOFTWARE_IT: [
        ("employees", 300, 100, 10),
        ("operating_revenue", 10000 * WAN, 1000 * WAN, 50 * WAN),
    ],
    SizeIndustry.REAL_ESTATE_DEVELOPMENT: [
        ("operating_revenue", 200000 * WAN, 1000 * WAN, 100 * WAN),
        ("total_assets", 10000 * WAN, 5000 * WAN, 2000 * WAN),
    ],
    SizeIndustry.PROPERTY_MANAGEMENT: [
        ("employees", 1000, 300, 100),
        ("operating_revenue", 5000 * WAN, 1000 * WAN, 500 * WAN),
    ],
    SizeIndustry.LEASING_BUSINESS: [
        ("employees", 300, 100, 10),
        ("total_assets", 120000 * WAN, 8000 * WAN, 100 * WAN),
    ],
    SizeIndustry.OTHER: [("employees", 300, 100, 10)],
}
SIZE = "cn.miit.sme-size.2011"
UNIT = {"employees": Decimal(1), "operating_revenue": Decimal("0.01"), "total_assets": Decimal("0.01")}


def enterprise(industry: SizeIndustry, values: dict[str, Decimal]) -> dict[str, object]:
    record = qualifying_enterprise(industry_code=CLASS_OF[industry])
    for name in ("employees", "operating_revenue", "total_assets"):
        record[name] = None
    record.update(values)
    return record


def cases() -> list[tuple[SizeIndustry, dict[str, Decimal], str]]:
    found = []
    for industry, rows in TABLE.items():
        at = {column: {"ceiling": c, "medium": m, "small": s} for column, c, m, s in rows}
        # Large: every indicator at its ceiling ("the upper limit of medium is the lower limit of large").
        found.append((industry, {c: v["ceiling"] for c, v in at.items()}, "large"))
        # One indicator one unit below its ceiling makes an SME (the ceilings are joined by 或).
        first = rows[0][0]
        below = {c: v["ceiling"] for c, v in at.items()} | {first: at[first]["ceiling"] - UNIT[first]}
        found.append((industry, below, "medium"))
        # Medium: every floor met exactly (and, below the ceiling, an SME).
        found.append((industry, {c: v["medium"] for c, v in at.items()}, "medium"))
        # Just below a medium floor: small.
        found.append(
            (
                industry,
                {c: v["medium"] for c, v in at.items()} | {first: at[first]["medium"] - UNIT[first]},
                "small",
            )
        )
        # Small: every small floor met exactly.
        found.append((industry, {c: v["small"] for c, v in at.items()}, "small"))
        # Micro: any one indicator below its small floor (以下, <).
        for column in at:
            found.append(
                (
                    industry,
                    {c: v["small"] for c, v in at.items()} | {column: at[column]["small"] - UNIT[column]},
                    "micro",
                )
            )
    return found


CASES = cases()


def test_every_size_class_of_every_industry_is_decided_exactly_at_its_thresholds() -> None:
    """第四条（一）–（十六）:
    "中型企业须同时满足所列指标的下限，否则下划一档；微型企业只须满足所列指标中的一项即可".
    """
    records = [enterprise(industry, values) for industry, values, _ in CASES]
    results = decide(SIZE, records)
    wrong = [
        (industry.value, values, expected, result.outcome)
        for (industry, values, expected), result in zip(CASES, results, strict=True)
        if result.outcome != expected
    ]
    assert not wrong
    assert {industry for industry, _, _ in CASES} == set(SizeIndustry)


@pytest.mark.parametrize("code, industry", [("7010", "real_estate_development"), ("7020", "property_management"),  # noqa: E501
                                            ("7090", "other"), ("5311", "other")])  # fmt: skip
def test_real_estate_property_and_railways_map_by_class_and_division(code: str, industry: str) -> None:
    """criteria.md §1.4b: 房地产开发经营 is class 7010, 物业管理 7020; division 53 (railways) is
    其他未列明行业.
    """
    result = decide(SIZE, [qualifying_enterprise(industry_code=code)])[0]
    assert result.criteria["industry"].value == industry


def test_an_unknown_indicator_leaves_the_size_undecided_only_when_it_matters() -> None:
    """Decision D5 with 第四条（二）工业: 10 employees is micro whatever the revenue; 500 is not decided
    without it.
    """
    micro, unknown = decide(
        SIZE,
        [
            enterprise(SizeIndustry.INDUSTRY, {"employees": Decimal(10)}),
            enterprise(SizeIndustry.INDUSTRY, {"employees": Decimal(500)}),
        ],
    )
    assert micro.outcome == "micro"
    assert unknown.outcome == "insufficient_data"
