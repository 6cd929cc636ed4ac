"""Demo accounts: the people a newcomer signs in as, listed on the sign-in page when LITTLEGIANT_DEMO is on.

Every app's `demo.build()` returns the accounts it created, as `DemoAccount`s, after registering them here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from django.contrib.auth.hashers import make_password
from django.db import transaction

from littlegiant.accounts import models
from littlegiant.accounts.models import ReviewerAssignment, User

# Zhejiang: the province the demo builds, whose provincial reviewer the apps' demos act as.
DEMO_PROVINCE = "330000"
# Public on purpose: the demo holds synthetic data only and shows this password on its sign-in page.
DEMO_PASSWORD = "littlegiant-demo"  # noqa: S105


@dataclass(frozen=True, slots=True)
class DemoAccount:
    """A demo sign-in: who to sign in as, in which role, and what to try there."""

    username: str
    role_en: str
    role_zh: str
    note: str = ""


@cache
def _demo_password_hash() -> str:
    # One hash for every demo account: hashing is deliberately slow, and the demo creates a dozen accounts.
    return make_password(DEMO_PASSWORD)


def register_demo_account(user: User, role_en: str, role_zh: str, note: str = "") -> DemoAccount:
    """List a user on the demo sign-in page, with the demo password, in the given role."""
    with transaction.atomic():
        user.password = _demo_password_hash()
        user.save(update_fields=["password"])
        models.DemoAccount.objects.update_or_create(
            user=user, defaults={"role_en": role_en, "role_zh": role_zh, "note": note}
        )
    return DemoAccount(username=user.username, role_en=role_en, role_zh=role_zh, note=note)


def demo_accounts() -> list[DemoAccount]:
    """The registered demo accounts, in the order they were registered."""
    return [
        DemoAccount(username=row.user.username, role_en=row.role_en, role_zh=row.role_zh, note=row.note)
        for row in models.DemoAccount.objects.select_related("user").filter(user__is_active=True)
    ]


def demo_provincial_reviewer() -> User | None:
    """The demo province's first provincial reviewer, who starts the demo's runs (None before the people exist)."""
    assignment = (
        ReviewerAssignment.objects.filter(level="provincial", region_id=DEMO_PROVINCE)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return None if assignment is None else assignment.user
