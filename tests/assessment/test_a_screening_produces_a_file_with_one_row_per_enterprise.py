import csv

import pyarrow.parquet as pq

from littlegiant.assessment.services import screening_result_file
from tests.assessment.conftest import add_enterprises, screen
from tests.cast import COUNTY_A, COUNTY_B

PACKS = ("cn.miit.sme-size.2011", "cn.miit.srdi-sme.2022")


def test_every_enterprise_has_a_row_with_its_outcomes(
    provincial_reviewer, alpha, beta, django_capture_on_commit_callbacks
):
    add_enterprises(COUNTY_A, 4)
    add_enterprises(COUNTY_B, 3, prefix="MA4D")
    run = screen(provincial_reviewer, django_capture_on_commit_callbacks, packs=PACKS)
    assert run.status == "done", run.error
    assert run.total == run.processed == 9
    with screening_result_file(run, "csv").open(newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 9
    assert len({row["credit_code"] for row in rows}) == 9
    outcome_columns = [c for c in rows[0] if "outcome" in c]
    assert len(outcome_columns) >= 2
    assert pq.read_table(screening_result_file(run, "parquet")).num_rows == 9
    assert sum(run.summary["cn.miit.srdi-sme.2022"].values()) == 9
