"""A pack's numbers are addressable and labelled, and a variant changes only the numbers it is given.

The SRDI 2022 revenue condition (附件2 认定条件3, criteria.md §3.2): "上年度营业收入总额1000万元以上，或…近2年新增
股权融资总额…达到2000万元以上" holds two thresholds, 10,000,000 and 20,000,000 yuan; the score route (附件2 认定
条件4) "评价得分达到60分以上" one minimum, 60; the main-business share indicator (附件2 评价指标1) bands at 80/70/60%.
"""

from decimal import Decimal

from littlegiant.rules import registry
from littlegiant.rules.evaluation import evaluate_pack
from littlegiant.rules.pack import Condition
from littlegiant.rules.variants import make_variant, pack_numbers

SRDI = "cn.miit.srdi-sme.2022"


def _numbers(pack_id):
    return {n.key: n for n in pack_numbers(registry.get(pack_id))}


def test_the_revenue_condition_lists_both_thresholds_with_clause_and_labels():
    numbers = _numbers(SRDI)
    first = numbers["criterion.revenue_condition.test.1"]
    second = numbers["criterion.revenue_condition.test.2"]
    assert (first.value, second.value) == (Decimal("10000000"), Decimal("20000000"))
    assert first.clause == second.clause == "附件2 认定条件3"
    assert "营业收入" in first.label_zh and "Operating revenue" in first.label_en
    assert numbers["criterion.score_route.score_at_least.total"].value == Decimal("60")


def test_band_edges_and_points_are_listed_but_open_edges_are_not():
    numbers = _numbers(SRDI)
    assert numbers["criterion.main_share.band.1.from"].value == Decimal("0.80")
    assert numbers["criterion.main_share.band.1.points"].value == Decimal("5")
    assert "criterion.main_share.band.1.to" not in numbers  # the top band is unbounded above
    assert "criterion.main_share.band.4.from" not in numbers  # the bottom band is unbounded below


def test_every_pack_in_the_registry_has_numbers_and_rebuilds_unchanged():
    for pack_id in registry.ids():
        pack = registry.get(pack_id)
        numbers = pack_numbers(pack)
        assert numbers, pack_id
        same = make_variant(pack, {numbers[0].key: numbers[0].value})
        assert [c.id for c in same.criteria] == [c.id for c in pack.criteria]


def test_the_variant_changes_only_the_threshold_asked_and_decides_no_application():
    pack = registry.get(SRDI)
    variant = make_variant(pack, {"criterion.revenue_condition.test.1": "15000000"})
    assert variant.id != pack.id and variant.applies == {}
    assert "15000000" in variant.criterion("revenue_condition").test.text
    assert "20000000" in variant.criterion("revenue_condition").test.text
    others = [c.id for c in pack.criteria if c.id != "revenue_condition" and isinstance(c, Condition)]
    assert all(variant.criterion(c).test.text == pack.criterion(c).test.text for c in others)
    # 1200万 of revenue and no equity financing: met at 1000万, not met at 1500万.
    record = {"operating_revenue": Decimal("12000000"), "equity_financing_2y": Decimal("0")}
    size = registry.get("cn.miit.sme-size.2011")
    dependencies = {size.id: evaluate_pack(size, record)}
    base_result = evaluate_pack(pack, record, dependencies)
    variant_result = evaluate_pack(variant, record, dependencies)
    assert base_result.criteria["revenue_condition"].status == "met"
    assert variant_result.criteria["revenue_condition"].status == "unmet"
