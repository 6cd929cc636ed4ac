"""View, edit and apply on an enterprise: who may, and the reason given to who may not."""

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from littlegiant.accounts.permissions import ensure_can, enterprise_decision
from littlegiant.enterprises.models import Membership
from tests.cast import make_user


@pytest.fixture(autouse=True)
def in_english():
    with translation.override("en"):
        yield


def test_the_owner_may_view_edit_and_apply(alice, alpha):
    assert all(enterprise_decision(alice, action, alpha) for action in ("view", "edit", "apply"))


def test_a_reviewer_of_the_city_may_view_but_not_edit_or_apply(hangzhou_reviewer, alpha):
    assert enterprise_decision(hangzhou_reviewer, "view", alpha)
    edit = enterprise_decision(hangzhou_reviewer, "edit", alpha)
    assert not edit
    assert edit.reason == "Only people who act for this enterprise may change its data."
    assert not enterprise_decision(hangzhou_reviewer, "apply", alpha)


def test_a_reviewer_of_another_city_is_told_it_is_outside_their_jurisdiction(ningbo_reviewer, alpha):
    decision = enterprise_decision(ningbo_reviewer, "view", alpha)
    assert not decision
    assert "outside your jurisdiction" in decision.reason


def test_a_contributor_edits_but_is_told_why_they_cannot_apply(alpha):
    carol = make_user("carol")
    Membership.objects.create(user=carol, enterprise=alpha, role="contributor")
    assert enterprise_decision(carol, "edit", alpha)
    decision = enterprise_decision(carol, "apply", alpha)
    assert not decision
    assert "you are a contributor" in decision.reason


def test_ensure_can_raises_with_the_reason(bob, alpha):
    with pytest.raises(PermissionDenied, match="outside your jurisdiction"):
        ensure_can(bob, "view", alpha)


def test_the_rules_backend_answers_has_perm(alice, bob, alpha):
    assert alice.has_perm("enterprises.apply", alpha)
    assert not bob.has_perm("enterprises.apply", alpha)


def test_an_unknown_action_is_a_programming_error(alice, alpha):
    with pytest.raises(ValueError, match="unknown enterprise action 'delete'"):
        enterprise_decision(alice, "delete", alpha)
