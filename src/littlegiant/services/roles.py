from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from littlegiant.accounts.models import User
    from littlegiant.web.roles import Role


def service_roles_of(user: User) -> list[Role]:
    """Staff roles at service institutions."""
    return []
