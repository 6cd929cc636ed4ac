import csv

from littlegiant.assessment.services import screening_result_file
from tests.assessment.conftest import add_enterprises, screen
from tests.cast import COUNTY_A


def test_the_results_hold_only_hangzhou_enterprises(
    hangzhou_reviewer, alpha, beta, django_capture_on_commit_callbacks
):
    add_enterprises(COUNTY_A, 3)
    run = screen(hangzhou_reviewer, django_capture_on_commit_callbacks)
    assert run.status == "done", run.error
    assert run.region_id == "330100"
    with screening_result_file(run, "csv").open(newline="", encoding="utf-8-sig") as handle:
        codes = {row["credit_code"] for row in csv.DictReader(handle)}
    assert alpha.credit_code in codes
    assert beta.credit_code not in codes
    assert len(codes) == 4
