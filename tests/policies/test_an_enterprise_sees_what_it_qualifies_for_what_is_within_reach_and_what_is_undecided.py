"""For an enterprise: the policies it qualifies for now, those it would qualify for with a stated change (the
gap, as in the self-assessment), and those undecided for lack of data, naming the fields (issue 12, part 4)."""

import datetime as dt

from littlegiant.policies.matching import match_enterprise
from littlegiant.policies.services import create_policy
from tests.policies.conftest import policy_data

DAY = dt.date(2026, 12, 3)


def _titles(found):
    return [s.policy.title for s in found]


def test_each_policy_lands_where_the_data_puts_it(alpha, hangzhou_reviewer, ningbo_reviewer):
    # Alpha's 2025 filing: R&D expense 5,200,000 yuan, 180 employees, no provincial S&T award rank on file.
    create_policy(policy_data(title="达标", conditions=[{"label": "研发", "expression": "rd_expense >= 3000000"}]),
                  by=hangzhou_reviewer)  # fmt: skip
    create_policy(policy_data(title="差一步", conditions=[
        {"label": "研发不低于600万元", "expression": "rd_expense >= 6000000"},
        {"label": "中小企业", "expression": "size_sme"},
    ]), by=hangzhou_reviewer)  # fmt: skip
    create_policy(policy_data(title="待定", conditions=[
        {"label": "省级科技奖前三", "expression": "provincial_award_best_rank_3y <= 3"},
    ]), by=hangzhou_reviewer)  # fmt: skip
    create_policy(policy_data(title="小巨人专享", conditions=[
        {"label": "小巨人", "expression": "title_little_giant"},
    ]), by=hangzhou_reviewer)  # fmt: skip
    create_policy(policy_data(title="宁波", region="330200"), by=ningbo_reviewer)

    matches = match_enterprise(alpha, DAY)

    assert _titles(matches.qualifies) == ["达标"]
    assert _titles(matches.within_reach) == ["差一步"]
    (gap,) = matches.within_reach[0].gaps
    assert gap["changes"] == [{"field": "rd_expense", "from": "5200000", "to": "6000000", "delta": "800000"}]
    assert "80 万元" in gap["message_zh"]
    assert _titles(matches.undecided) == ["待定"]
    assert matches.undecided[0].missing == ["provincial_award_best_rank_3y"]
    assert _titles(matches.not_qualified) == ["小巨人专享"]
    assert "宁波" not in _titles(
        matches.qualifies + matches.within_reach + matches.undecided + matches.not_qualified
    )
