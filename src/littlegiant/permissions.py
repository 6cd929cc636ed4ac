"""The permission decision every app returns: allowed or not, with the reason a person is shown.

A leaf module (it imports no app) so that every app's `permissions.py` builds on one `Decision` and one
`ensure`, and services refuse the same way everywhere: `ensure(decision)` raises PermissionDenied whose
message is the reason, which the pages show as a message and the API as a 403 body.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

from django.core.exceptions import PermissionDenied

# The vocabulary of `for_user(user, action)`: see a thing, change it, or decide on it (review, recognise).
Action = Literal["view", "change", "decide"]
ACTIONS: tuple[Action, ...] = ("view", "change", "decide")


class Person(Protocol):
    """What a decision needs of a user (Django's user and AnonymousUser both fit)."""

    is_authenticated: bool
    is_active: bool


@dataclass(frozen=True, slots=True)
class Decision:
    """Allowed or not, and the reason when not."""

    allowed: bool
    reason: str = ""

    def __bool__(self) -> bool:
        return self.allowed

    @classmethod
    def refuse(cls, reason: str) -> Decision:
        """A refusal; the reason says why, in the user's language, and is never empty."""
        if not reason:
            raise ValueError("a refusal needs a reason")
        return cls(False, str(reason))


ALLOWED = Decision(True)


def ensure(decision: Decision) -> None:
    """Raise PermissionDenied with the decision's reason unless it allows."""
    if not decision:
        raise PermissionDenied(decision.reason)


def is_signed_in(user: Person) -> bool:
    """Whether the user has signed in and the account is active (every decision starts here)."""
    return bool(user.is_authenticated and user.is_active)


def check_action(action: str) -> Action:
    """The action, if it is one of the vocabulary; ValueError (a programming error) otherwise."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}; expected one of {', '.join(ACTIONS)}")
    return action  # type: ignore[return-value]
