"""For an official: for one policy, every enterprise in the jurisdiction that qualifies (免申即享), run on the
batch engine (issue 12, part 4) — equal to the set computed by hand on a small fixture."""

from decimal import Decimal

from littlegiant.enterprises.models import AnnualFiling
from littlegiant.policies.execution import execute_run
from littlegiant.policies.models import RunStatus
from littlegiant.policies.services import create_policy, start_run
from tests.cast import COUNTY_B, good_filing_values, make_enterprise
from tests.policies.conftest import policy_data


def _firm(name, county, body, **changes):
    firm = make_enterprise(name, county, body)
    AnnualFiling.objects.create(enterprise=firm, year=2025, **{**good_filing_values(), **changes})
    return firm


def test_the_run_lists_exactly_the_enterprises_that_meet_every_condition(
    hangzhou_reviewer, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    _firm("甲 研发刚好达标", "330106", "MA00000A", rd_expense=Decimal("3000000"))
    _firm("乙 研发差一元", "330106", "MA00000B", rd_expense=Decimal("2999999.99"))
    _firm("丙 研发未知", "330102", "MA00000C", rd_expense=None)
    _firm("丁 大型企业", "330102", "MA00000D", employees=2000, operating_revenue=Decimal("500000000"))
    _firm("戊 达标", "330110", "MA00000E")
    _firm("己 宁波达标", COUNTY_B, "MA00000F")  # outside Hangzhou
    policy = create_policy(
        policy_data(conditions=[
            {"label": "研发", "expression": "rd_expense >= 3000000"},
            {"label": "中小企业", "expression": "size_sme"},
        ]),
        by=hangzhou_reviewer,
    )  # fmt: skip
    run = execute_run(start_run(policy, by=hangzhou_reviewer, year=2025, enqueue=False).pk)

    assert run.status == RunStatus.DONE
    # By hand: 甲 (exactly 300万), 戊 (520万); not 乙 (one fen short), 丙 (unknown, D5), 丁 (large), 己 (Ningbo).
    names = {m.enterprise.name for m in run.matches.select_related("enterprise")}
    assert names == {"甲 研发刚好达标", "戊 达标"}
    assert run.qualifying == 2
    assert run.total == 5
