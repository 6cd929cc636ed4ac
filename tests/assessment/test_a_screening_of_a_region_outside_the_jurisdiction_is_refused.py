"""A screening of a region outside the jurisdiction is refused."""

from tests.assessment.conftest import screen


def test_a_region_outside_the_jurisdiction_is_refused(hangzhou_reviewer, django_capture_on_commit_callbacks):
    import pytest
    from django.core.exceptions import PermissionDenied

    from littlegiant.reference.models import Region

    with pytest.raises(PermissionDenied, match="宁波|Ningbo"):
        screen(hangzhou_reviewer, django_capture_on_commit_callbacks, region=Region.objects.get(pk="330200"))
