"""The tech-transfer officer role, shown on the home page and in the navigation (registered in `apps.py`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from littlegiant.accounts.roles import Role

if TYPE_CHECKING:
    from littlegiant.accounts.models import User


def transfer_roles_of(user: User) -> list[Role]:
    """Tech-transfer officer roles at universities and research institutes."""
    if not user.is_authenticated:
        return []
    return [
        Role("transfer_officer", _("Tech-transfer officer"), office.institution.name, office.institution_id)
        for office in user.transfer_offices.select_related("institution")
    ]
