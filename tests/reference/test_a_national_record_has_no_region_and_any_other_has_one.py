"""`reference.constraints.region_matches_level`: a record at the national level has no region, a record at any
other level has one; each other pairing is refused with the constraint's own message."""

import pytest
from django.core.exceptions import ValidationError

from littlegiant.accounts.models import ReviewerAssignment
from littlegiant.reference.constraints import region_matches_level

CONSTRAINT = region_matches_level(name="test_region_matches_level", message="level and region disagree")


def check(level: str, region_id: str | None) -> None:
    CONSTRAINT.validate(ReviewerAssignment, ReviewerAssignment(level=level, region_id=region_id))


@pytest.mark.django_db
@pytest.mark.parametrize(("level", "region_id"), [("national", None), ("municipal", "330100")])
def test_it_accepts_a_matching_level_and_region(level: str, region_id: str | None):
    check(level, region_id)


@pytest.mark.django_db
@pytest.mark.parametrize(("level", "region_id"), [("national", "330100"), ("provincial", None)])
def test_it_refuses_a_level_and_region_that_disagree(level: str, region_id: str | None):
    with pytest.raises(ValidationError, match="level and region disagree"):
        check(level, region_id)
