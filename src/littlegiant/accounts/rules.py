"""Enterprise permissions as `rules` predicates: `user.has_perm("enterprises.edit", enterprise)` works."""

from __future__ import annotations

import rules

from littlegiant.accounts.permissions import ENTERPRISE_ACTIONS, EnterpriseAction, enterprise_decision


def _predicate(action: EnterpriseAction) -> rules.Predicate:
    @rules.predicate(name=f"may_{action}_enterprise")
    def check(user: object, enterprise: object) -> bool:
        if enterprise is None:
            return False
        return enterprise_decision(user, action, enterprise).allowed  # type: ignore[arg-type]

    return check


for _action in ENTERPRISE_ACTIONS:
    rules.add_perm(f"enterprises.{_action}", _predicate(_action))
