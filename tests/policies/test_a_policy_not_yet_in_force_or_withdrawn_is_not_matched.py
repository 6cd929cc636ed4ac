"""A policy not yet in force or withdrawn is not matched."""

import datetime as dt

from littlegiant.policies.matching import match_enterprise
from littlegiant.policies.services import create_policy
from tests.policies.conftest import policy_data
from tests.policies.test_an_enterprise_sees_what_it_qualifies_for_what_is_within_reach_and_what_is_undecided import (
    DAY,
)


def test_a_policy_not_yet_in_force_or_withdrawn_is_not_matched(alpha, hangzhou_reviewer):
    from littlegiant.policies.services import withdraw_policy

    create_policy(policy_data(title="未来", valid_from=dt.date(2027, 1, 1)), by=hangzhou_reviewer)
    withdrawn = create_policy(policy_data(title="已撤回"), by=hangzhou_reviewer)
    withdraw_policy(withdrawn, by=hangzhou_reviewer)
    assert match_enterprise(alpha, DAY).total == 0
