"""Fixtures for the digital-level tests: a submitted evaluation built through the services."""

from __future__ import annotations

import pytest

from tests.digital.answers import answers


def submit_answers(enterprise, user, year: int, chosen: dict):
    """Answer every section for the enterprise and submit under the pledge, as the pages do."""
    from littlegiant.digital import services

    evaluation = services.open_evaluation(enterprise, by=user, year=year)
    full = answers(**chosen)
    for section in services.SECTIONS:
        services.save_section(evaluation, by=user, section=section, answers=full)
    return services.submit(evaluation, by=user, pledge=True)


@pytest.fixture
def submit():
    return submit_answers
