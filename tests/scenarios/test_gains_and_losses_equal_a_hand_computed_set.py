"""Raising the SRDI revenue threshold (附件2 认定条件3: "上年度营业收入总额1000万元以上") to 9000万元 over a small
registry: exactly the enterprises whose revenue lies in [1000万, 9000万) lose the outcome, moved by that
condition, and nobody gains. Lowering it to 500万 makes exactly the one firm in [500万, 1000万) gain it.

Hand-computed from the cast's good SRDI filing (it passes every other condition and scores over 60):
alpha 8600万 (the cast's value) and gamma 2000万 lose at 9000万; delta 1.2亿 keeps; epsilon 800万 is not
qualified under 1000万 and gains at 500万; zeta 300万 stays out in both.
"""

from littlegiant.scenarios.models import Mover
from littlegiant.scenarios.services import create_scenario
from tests.cast import COUNTY_A, COUNTY_B
from tests.scenarios.conftest import REVENUE_THRESHOLD, SRDI_2022, add_firm, revenue, run_scenario


def _registry(alpha):
    return {
        "alpha": alpha,
        "gamma": add_firm(COUNTY_A, "MA5G0001", "伽马精密有限公司", **revenue("20000000")),
        "delta": add_firm(COUNTY_B, "MA5D0001", "德尔塔装备有限公司", **revenue("120000000")),
        "epsilon": add_firm(COUNTY_B, "MA5E0001", "艾普西龙材料有限公司", **revenue("8000000")),
        "zeta": add_firm(COUNTY_A, "MA5Y0001", "泽塔电子有限公司", **revenue("3000000")),
    }


def _moved(run):
    return {
        m.enterprise.name: (m.direction, m.base_outcome, m.variant_outcome, tuple(m.moved_by))
        for m in Mover.objects.filter(run=run).select_related("enterprise")
    }


def test_raising_the_threshold_loses_exactly_the_firms_below_it(
    provincial_reviewer, alpha, django_capture_on_commit_callbacks
):
    firms = _registry(alpha)
    scenario = create_scenario(
        provincial_reviewer,
        name="9000万",
        base_pack_id=SRDI_2022,
        year=2025,
        changes={REVENUE_THRESHOLD: "90000000"},
    )
    run = run_scenario(provincial_reviewer, scenario, django_capture_on_commit_callbacks)
    assert run.status == "done", run.error
    loss = ("loss", "qualified", "not_qualified", ("revenue_condition",))
    assert _moved(run) == {firms["alpha"].name: loss, firms["gamma"].name: loss}
    assert run.summary["gains"] == 0
    assert run.summary["losses"] == 2
    assert run.summary["rows"] == 5
    assert run.summary["holding_base"] - run.summary["holding_variant"] == 2


def test_lowering_the_threshold_gains_exactly_the_firm_between(
    provincial_reviewer, alpha, django_capture_on_commit_callbacks
):
    firms = _registry(alpha)
    scenario = create_scenario(
        provincial_reviewer,
        name="500万",
        base_pack_id=SRDI_2022,
        year=2025,
        changes={REVENUE_THRESHOLD: "5000000"},
    )
    run = run_scenario(provincial_reviewer, scenario, django_capture_on_commit_callbacks)
    gain = ("gain", "not_qualified", "qualified", ("revenue_condition",))
    assert _moved(run) == {firms["epsilon"].name: gain}
    mover = Mover.objects.get(run=run)
    assert (mover.region_id, mover.city_code, mover.province_code) == (COUNTY_B, "330200", "330000")
    assert mover.section_id == "C"  # industry class 3973 lies in manufacturing (GB/T 4754 section C)
