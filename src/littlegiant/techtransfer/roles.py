"""The tech-transfer officer role, shown on the home page and in the navigation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from littlegiant.accounts.models import User
    from littlegiant.web.roles import Role


def transfer_roles_of(user: User) -> list[Role]:
    """Tech-transfer officer roles at universities and research institutes."""
    from littlegiant.web.roles import Role

    if not user.is_authenticated:
        return []
    return [
        Role("transfer_officer", _("Tech-transfer officer"), office.institution.name, office.institution_id)
        for office in user.transfer_offices.select_related("institution")
    ]
