"""《优质中小企业梯度培育管理暂行办法》 一般条件 "符合《中小企业划型标准规定》", read with 划型标准 第四条: an
enterprise is an SME when **any one** listed indicator is below its industry's ceiling ("…以下或…以下的为中小微型
企业"). Its class (medium, small, micro) may still be undecided — say its head-count is unknown — but it is
certainly an SME, so the tier packs, 2022 and 2026 alike, count it as one instead of answering
insufficient_data. Checked in all 16 industries of the standard."""

import pytest

from littlegiant.rules.industries import SizeIndustry
from tests.rules.golden.test_each_size_class_in_each_of_the_16_industries import TABLE, UNIT, enterprise
from tests.rules.sample import decide, qualifying_enterprise

SIZE = "cn.miit.sme-size.2011"
TIERS = (
    "cn.miit.innovative-sme.2022",
    "cn.miit.srdi-sme.2022",
    "cn.miit.little-giant.2022",
    "cn.miit.srdi-sme.2026",
    "cn.miit.little-giant.2026",
)


def under_one_ceiling(industry: SizeIndustry) -> list[dict[str, object]]:
    """Per indicator of the industry: that one a unit below its ceiling, the others unknown."""
    return [
        enterprise(industry, {column: ceiling - UNIT[column]}) for column, ceiling, _, _ in TABLE[industry]
    ]


@pytest.mark.parametrize("industry", list(SizeIndustry))
@pytest.mark.parametrize("tier", TIERS)
def test_one_indicator_under_the_ceiling_makes_an_sme_whatever_the_class(
    tier: str, industry: SizeIndustry
) -> None:
    """第四条: the ceilings are joined by 或 (OR), so one indicator below its ceiling decides "SME"."""
    records = under_one_ceiling(industry)
    sizes = decide(SIZE, records)
    for result in decide(tier, records):
        assert result.criteria["sme"].status == "met", (industry, tier)
    if len(TABLE[industry]) == 2:
        # The other indicator is unknown, so the class is not decided (decision D5)…
        assert {size.outcome for size in sizes} == {"insufficient_data"}
    else:
        # …except where the standard names one indicator (农林牧渔业 revenue, 其他未列明行业 employees): that
        # indicator decides the class too.
        assert sizes[0].outcome != "insufficient_data"


@pytest.mark.parametrize("industry", list(SizeIndustry))
def test_nothing_known_about_size_leaves_the_sme_condition_unknown(industry: SizeIndustry) -> None:
    """Decision D5: with every indicator of 第四条 unknown, "SME" is neither met nor failed."""
    for tier in TIERS:
        result = decide(tier, [enterprise(industry, {})])[0]
        assert result.criteria["sme"].status == "unknown"


@pytest.mark.parametrize("industry", list(SizeIndustry))
def test_at_every_ceiling_it_is_large_and_fails_the_sme_condition(industry: SizeIndustry) -> None:
    """第四条: at or above every ceiling ("及以上") the enterprise is large, not an SME."""
    record = enterprise(industry, {column: ceiling for column, ceiling, _, _ in TABLE[industry]})
    for tier in TIERS:
        assert decide(tier, [record])[0].criteria["sme"].status == "unmet"


@pytest.mark.parametrize("tier", TIERS)
def test_a_qualifying_industrial_firm_with_unknown_head_count_still_qualifies(tier: str) -> None:
    """第四条（二）工业: revenue of 1.2亿 is under the 4亿 ceiling, so the firm is an SME without its head-count;
    the tier packs decide it on their own criteria."""
    size = decide(SIZE, [qualifying_enterprise(employees=None)])[0]
    result = decide(tier, [qualifying_enterprise(employees=None)])[0]
    assert size.outcome == "insufficient_data"
    assert result.criteria["sme"].status == "met"
    assert result.outcome == "qualified"
