"""The roles a person holds in the service network: staff of an institution (registered in `apps.py`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from littlegiant.accounts.roles import Role
from littlegiant.services.models import InstitutionStaff

if TYPE_CHECKING:
    from littlegiant.accounts.models import User


def service_roles_of(user: User) -> list[Role]:
    """Staff roles at service institutions, one per institution."""
    if not user.is_authenticated:
        return []
    return [
        Role("institution_staff", staff.get_role_display(), staff.institution.name, staff.institution_id)
        for staff in InstitutionStaff.objects.filter(user=user).select_related("institution").order_by("pk")
    ]
