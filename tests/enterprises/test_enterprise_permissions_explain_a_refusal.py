"""View, change and apply on an enterprise: who may, and the reason given to who may not."""

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from littlegiant.enterprises.models import Membership
from littlegiant.enterprises.permissions import enterprise_decision
from littlegiant.permissions import ensure
from tests.cast import make_user


@pytest.fixture(autouse=True)
def in_english():
    with translation.override("en"):
        yield


def test_the_owner_may_view_edit_and_apply(alice, alpha):
    assert all(enterprise_decision(alice, action, alpha) for action in ("view", "change", "apply"))


def test_a_reviewer_of_the_city_may_view_but_not_edit_or_apply(hangzhou_reviewer, alpha):
    assert enterprise_decision(hangzhou_reviewer, "view", alpha)
    edit = enterprise_decision(hangzhou_reviewer, "change", alpha)
    assert not edit
    assert edit.reason == (
        "Only the enterprise's owner, delegates and contributors, or an administrator, may change its data."
    )
    assert not enterprise_decision(hangzhou_reviewer, "apply", alpha)


def test_a_reviewer_of_another_city_is_told_it_is_outside_their_jurisdiction(ningbo_reviewer, alpha):
    decision = enterprise_decision(ningbo_reviewer, "view", alpha)
    assert not decision
    assert "outside your jurisdiction" in decision.reason


def test_a_contributor_edits_but_is_told_why_they_cannot_apply(alpha):
    carol = make_user("carol")
    Membership.objects.create(user=carol, enterprise=alpha, role="contributor")
    assert enterprise_decision(carol, "change", alpha)
    decision = enterprise_decision(carol, "apply", alpha)
    assert not decision
    assert "you are a contributor" in decision.reason


def test_ensure_raises_with_the_reason(bob, alpha):
    with pytest.raises(PermissionDenied, match="outside your jurisdiction"):
        ensure(enterprise_decision(bob, "view", alpha))


def test_an_unknown_action_is_a_programming_error(alice, alpha):
    with pytest.raises(ValueError, match="unknown enterprise action 'delete'"):
        enterprise_decision(alice, "delete", alpha)
