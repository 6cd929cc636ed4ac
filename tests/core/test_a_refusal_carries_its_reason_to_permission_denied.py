"""`ensure(decision)` raises PermissionDenied whose message is the decision's reason; an allowed one passes."""

import pytest
from django.core.exceptions import PermissionDenied

from littlegiant.permissions import ALLOWED, Decision, check_action, ensure


def test_it_raises_with_the_reason():
    with pytest.raises(PermissionDenied, match="outside your jurisdiction"):
        ensure(Decision.refuse("This enterprise is outside your jurisdiction."))


def test_an_allowed_decision_passes_and_is_truthy():
    ensure(ALLOWED)
    assert ALLOWED and not Decision.refuse("no")


def test_a_refusal_without_a_reason_is_a_programming_error():
    with pytest.raises(ValueError, match="needs a reason"):
        Decision.refuse("")


def test_the_action_vocabulary_is_view_change_decide():
    assert [check_action(a) for a in ("view", "change", "decide")] == ["view", "change", "decide"]
    with pytest.raises(ValueError, match="unknown action 'edit'"):
        check_action("edit")
