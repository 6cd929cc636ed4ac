"""The list behind a title figure: the recognitions a viewer may see, filtered as the figure counts them."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from littlegiant.accounts.jurisdiction import within_region
from littlegiant.recognition.models import Recognition, Tier
from littlegiant.reference.models import IndustryDivision, Region

if TYPE_CHECKING:
    from littlegiant.accounts.models import User

STATES = ("valid", "revoked", "expired", "")


def titles_for(
    user: User,
    *,
    region: Region | None = None,
    tier: str = "",
    section: str = "",
    state: str = "valid",
    day: dt.date,
) -> QuerySet[Recognition]:
    """Recognitions in the user's jurisdiction, inside `region` (the application's, fixed at submission, as
    the figures count them), of a tier, an industry section (the enterprise's industry) and a state on `day`."""
    titles = Recognition.objects.for_user(user).filter(enterprise__isnull=False)
    if region is not None:
        titles = titles.filter(within_region(region, region_field="application__region"))
    if tier in Tier.values:
        titles = titles.filter(tier=tier)
    if section:
        divisions = IndustryDivision.objects.filter(section_id=section).values("code")
        titles = titles.filter(enterprise__industry__division__in=divisions)
    if state == "valid":
        titles = titles.valid_on(day)
    elif state == "revoked":
        titles = titles.filter(revoked_at__isnull=False)
    elif state == "expired":
        titles = titles.filter(Q(revoked_at__isnull=True) & Q(valid_until__lt=day))
    return titles
