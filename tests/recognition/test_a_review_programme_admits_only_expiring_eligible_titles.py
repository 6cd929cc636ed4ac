"""复核: a review programme admits enterprises whose title expires in its year and is still eligible."""

import pytest
from django.core.exceptions import PermissionDenied

from littlegiant.recognition import services
from tests.recognition.conftest import make_programme


def test_an_enterprise_without_a_title_cannot_apply_for_review(alice, alpha):
    programme = make_programme(
        "little_giant", kind="review", stages=[{"level": "provincial"}, {"level": "national"}]
    )
    with pytest.raises(PermissionDenied, match="expires in"):
        services.start_application(programme, alpha, by=alice)


def test_a_new_programme_needs_the_filing_of_the_reference_year(alice, alpha):
    alpha.filings.all().delete()
    programme = make_programme("srdi_sme")
    with pytest.raises(PermissionDenied, match="data for"):
        services.start_application(programme, alpha, by=alice)
