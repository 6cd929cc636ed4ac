"""The 2022 cluster standard at its edges, with the literal operators (criteria.md §8.3, decision D19):

> 集群占地面积一般不超过100平方公里；近三年集群总产值均在40亿元以上；中小企业产值占集群总产值比重70%以上；
> 主导产业产值占集群总产值比重高于70%；近三年集群总产值年均增长率高于10%。(认定标准 一)
> 主导产业领域制造业单项冠军企业或专精特新"小巨人"企业不少于1家，或专精特新中小企业、创新型中小企业、国家
> 高新技术企业不少于10家。(认定标准 二)
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from littlegiant.rules import assess_record

PACK = "cn.miit.sme-cluster.2022"
YI = Decimal("100000000")


def passing() -> dict[str, object]:
    """A cluster that meets aspects 1 and 2 comfortably: 50亿 → 60亿 → 75亿 (growth 20% and 25%)."""
    return {
        "cluster_area_km2": Decimal("60"),
        "cluster_output_prev2": 50 * YI,
        "cluster_output_prev": 60 * YI,
        "cluster_output": 75 * YI,
        "cluster_sme_output": 60 * YI,  # 80%
        "cluster_main_industry_output": 60 * YI,  # 80%
        "cluster_champions_or_giants": 1,
        "cluster_titled_smes": 12,
    }


def status(record: dict[str, object], criterion: str) -> str:
    document = assess_record(record, [PACK])[PACK]
    return next(c["status"] for c in document["criteria"] if c["id"] == criterion)


@pytest.mark.parametrize(
    ("area", "expected"),
    [("100", "met"), ("100.01", "unmet"), ("99.99", "met")],
    ids=["exactly 100", "above", "below"],
)
def test_the_area_is_at_most_100_km2(area, expected):
    # "一般不超过100平方公里": exactly 100 km² meets it.
    assert status({**passing(), "cluster_area_km2": Decimal(area)}, "area") == expected


@pytest.mark.parametrize("year", ["cluster_output", "cluster_output_prev", "cluster_output_prev2"])
def test_exactly_40_yi_in_one_year_meets_the_output_test(year):
    # "近三年集群总产值均在40亿元以上": 以上 is ≥, in each of the three years.
    assert status({**passing(), year: 40 * YI}, "output_each_year") == "met"
    assert status({**passing(), year: 40 * YI - 1}, "output_each_year") == "unmet"


def test_exactly_70_percent_sme_output_meets_the_sme_test():
    # "中小企业产值占集群总产值比重70%以上": 以上 is ≥, so exactly 70% meets it.
    assert status({**passing(), "cluster_sme_output": Decimal("52.5") * YI}, "sme_share") == "met"
    assert status({**passing(), "cluster_sme_output": Decimal("52.5") * YI - 1}, "sme_share") == "unmet"


def test_exactly_70_percent_main_industry_share_fails_the_main_industry_test():
    # "主导产业产值占集群总产值比重高于70%": 高于 is >, so exactly 70% does not meet it.
    assert (
        status({**passing(), "cluster_main_industry_output": Decimal("52.5") * YI}, "main_share") == "unmet"
    )
    assert (
        status({**passing(), "cluster_main_industry_output": Decimal("52.5") * YI + 1}, "main_share") == "met"
    )


def test_exactly_10_percent_average_growth_fails_the_growth_test():
    # "近三年集群总产值年均增长率高于10%": 40亿 → 44亿 → 48.4亿 grows exactly 10% a year, which is not above 10%.
    exact = {
        "cluster_output_prev2": 40 * YI,
        "cluster_output_prev": 44 * YI,
        "cluster_output": Decimal("48.4") * YI,
    }
    record = {**passing(), **exact, "cluster_sme_output": 40 * YI, "cluster_main_industry_output": 40 * YI}
    assert status(record, "growth") == "unmet"
    assert status({**record, "cluster_output": Decimal("48.4") * YI + 1}, "growth") == "met"


@pytest.mark.parametrize(
    ("giants", "titled", "expected"),
    [(1, 0, "met"), (0, 10, "met"), (0, 9, "unmet"), (0, 0, "unmet")],
    ids=["one little giant", "ten titled", "nine titled", "none"],
)
def test_aspect_2_needs_one_champion_or_giant_or_ten_titled_enterprises(giants, titled, expected):
    # "不少于1家 ... 或 ... 不少于10家".
    record = {**passing(), "cluster_champions_or_giants": giants, "cluster_titled_smes": titled}
    assert status(record, "gradient_results") == expected


def test_a_cluster_failing_aspect_1_is_not_qualified_whatever_it_declares():
    declared = {
        name: True
        for name in (
            "cluster_pillar_and_leading",
            "cluster_chain_collaboration",
            "cluster_collaborative_innovation",
            "cluster_digital_transformation",
            "cluster_green_development",
            "cluster_open_cooperation",
            "cluster_governance_service",
            "cluster_compliant_3y",
        )
    }
    assert assess_record({**passing(), **declared}, [PACK])[PACK]["outcome"] == "qualified"
    failing = {**passing(), **declared, "cluster_area_km2": Decimal("101")}
    assert assess_record(failing, [PACK])[PACK]["outcome"] == "not_qualified"
    # Aspects 3-8 undeclared: the data cannot decide, and the missing declarations are listed (D5).
    document = assess_record(passing(), [PACK])[PACK]
    assert document["outcome"] == "insufficient_data"


def test_aspects_3_to_8_are_declared_and_tagged_unconfirmed():
    # D19: "aspects 3–8 and the compliance condition are declared (D9)"; national thresholds of 4-8 are [U].
    document = assess_record(passing(), [PACK])[PACK]
    by_id = {c["id"]: c for c in document["criteria"]}
    for criterion in ("chain_collaboration", "collaborative_innovation", "digital_transformation",
                      "green_development", "open_cooperation", "governance_service"):  # fmt: skip
        assert by_id[criterion]["confidence"] == "U"
        assert by_id[criterion]["declared"] is True
    assert by_id["compliance"]["confidence"] == "C"
    assert by_id["compliance"]["declared"] is True
