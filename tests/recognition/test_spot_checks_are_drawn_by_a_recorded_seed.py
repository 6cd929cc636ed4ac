"""On-site spot checks: a seeded, recorded draw from the stage; findings are required to move on."""

import pytest
from django.core.exceptions import PermissionDenied

from littlegiant.recognition import services
from tests.recognition.conftest import bulk_applications


def test_the_draw_is_reproducible_from_its_record(srdi_programme, hangzhou_reviewer):
    bulk_applications(srdi_programme, 12)
    stage = srdi_programme.stages.get(order=1)
    draw = services.draw_spot_checks(stage, by=hangzhou_reviewer, sample_size=3, seed=99)
    drawn = sorted(draw.checks.values_list("application_id", flat=True))
    assert len(draw.population) == 12
    assert sorted(services._draw_sample(draw.seed, draw.population, 3)) == drawn


def test_a_drawn_application_cannot_be_published_before_its_findings(submitted, hangzhou_reviewer):
    services.pass_stage(submitted, by=hangzhou_reviewer)
    services.draw_spot_checks(submitted.current_stage, by=hangzhou_reviewer, sample_size=1)
    with pytest.raises(PermissionDenied, match="spot-check findings"):
        services.publish_notice(submitted.current_stage, by=hangzhou_reviewer)


def test_a_sample_larger_than_the_population_is_refused(submitted, hangzhou_reviewer):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="between 1 and 1"):
        services.draw_spot_checks(submitted.current_stage, by=hangzhou_reviewer, sample_size=2)


def test_ningbo_draws_only_from_ningbo(srdi_programme, ningbo_reviewer):
    bulk_applications(srdi_programme, 4)
    with pytest.raises(PermissionDenied, match="No application"):
        services.draw_spot_checks(srdi_programme.stages.get(order=1), by=ningbo_reviewer, sample_size=1)
