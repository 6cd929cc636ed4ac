"""Without a MIIT or questionnaire level the digital indicator stays unknown."""

import csv

from littlegiant.assessment.services import screening_result_file
from littlegiant.enterprises.models import AnnualFiling
from tests.assessment.conftest import screen
from tests.assessment.test_a_screening_reads_the_questionnaire_level_where_no_miit_level_is_entered import (
    PACK,
)


def test_without_either_level_the_indicator_stays_unknown(
    provincial_reviewer, alpha, django_capture_on_commit_callbacks
) -> None:
    AnnualFiling.objects.filter(enterprise=alpha, year=2025).update(digital_level=None)
    run = screen(provincial_reviewer, django_capture_on_commit_callbacks, packs=[PACK])
    with screening_result_file(run, "csv").open(newline="", encoding="utf-8-sig") as handle:
        (row,) = list(csv.DictReader(handle))
    assert row["digital_level_source"] == ""
    assert row["digital_level"] == ""
