"""The list behind a title figure: the recognitions a viewer may see, filtered as the figure counts them."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.db.models.fields.json import KT

from littlegiant.accounts.jurisdiction import within_region
from littlegiant.figures.services import SIZE_CLASSES, SIZE_PACK_ID
from littlegiant.recognition.models import ApplicationVersion, Recognition, Tier
from littlegiant.reference.models import IndustryDivision, Region

if TYPE_CHECKING:
    from littlegiant.accounts.models import User

STATES = ("valid", "revoked", "expired", "")
# What happened to a title in a year (the events figure): granted in a batch of that year, revoked in it, or
# ran out in it (not revoked, validity ended that year, before today).
EVENTS = ("recognised", "revoked", "expired")
UNKNOWN_SIZE = "unknown"


def titles_for(
    user: User,
    *,
    region: Region | None = None,
    tier: str = "",
    section: str = "",
    state: str = "valid",
    day: dt.date,
    size: str = "",
    year: int | None = None,
    event: str = "",
    batch: int | None = None,
) -> QuerySet[Recognition]:
    """Recognitions in the user's jurisdiction, inside `region` (the application's, fixed at submission, as
    the figures count them), of a tier, an industry section (the enterprise's industry), a size class (the
    engine's, on the reviewed data: "unknown" when it could not say), a batch, a state on `day`, and an event
    (recognised, revoked, expired) in a year."""
    titles = Recognition.objects.for_user(user).filter(enterprise__isnull=False)
    if region is not None:
        titles = titles.filter(within_region(region, region_field="application__region"))
    if tier in Tier.values:
        titles = titles.filter(tier=tier)
    if section:
        divisions = IndustryDivision.objects.filter(section_id=section).values("code")
        titles = titles.filter(enterprise__industry__division__in=divisions)
    if size in SIZE_CLASSES or size == UNKNOWN_SIZE:
        # The latest reviewed version's size outcome, as figures.services.size_class_of reads it.
        latest = ApplicationVersion.objects.filter(application=OuterRef("application")).order_by("-number")
        outcome = latest.annotate(size=KT(f"explanations__{SIZE_PACK_ID}__outcome")).values("size")[:1]
        titles = titles.annotate(size_class=Subquery(outcome))
        if size == UNKNOWN_SIZE:
            titles = titles.filter(Q(size_class__isnull=True) | ~Q(size_class__in=SIZE_CLASSES))
        else:
            titles = titles.filter(size_class=size)
    if batch is not None:
        titles = titles.filter(batch_id=batch)
    if year is not None and event in EVENTS:
        if event == "recognised":
            titles = titles.filter(batch__decided_on__year=year)
        elif event == "revoked":
            titles = titles.filter(revoked_at__year=year)
        else:
            titles = titles.filter(revoked_at__isnull=True, valid_until__lt=day, valid_until__year=year)
    if state == "valid":
        titles = titles.valid_on(day)
    elif state == "revoked":
        titles = titles.filter(revoked_at__isnull=False)
    elif state == "expired":
        titles = titles.filter(Q(revoked_at__isnull=True) & Q(valid_until__lt=day))
    return titles
