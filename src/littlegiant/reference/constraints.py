"""The rule every record placed at a level of government keeps: a national one has no region, every other one
has its region (a province, a prefecture-level city or a county, GB/T 2260)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

# The level value every level choice (a reviewer's, a policy's, an institution's) gives the country.
NATIONAL = "national"


def region_matches_level(*, name: str, message: object) -> models.CheckConstraint:
    """A check on a model's `level` and `region`: empty region exactly when the level is national."""
    return models.CheckConstraint(
        condition=Q(level=NATIONAL, region__isnull=True) | (~Q(level=NATIONAL) & Q(region__isnull=False)),
        name=name,
        violation_error_message=message,
    )
