"""A screening's results download as an Excel workbook holding the same rows as the CSV, with a sheet that says
what every column is in Chinese and English; a run too big for a sheet offers CSV and Parquet only."""

import csv
import io

from django.urls import reverse
from openpyxl import load_workbook

from littlegiant.assessment import workbook
from littlegiant.assessment.services import screening_result_file
from tests.assessment.conftest import add_enterprises, screen
from tests.cast import COUNTY_A

PACKS = ("cn.miit.sme-size.2011", "cn.miit.innovative-sme.2022")


def _sheet_rows(content: bytes, sheet: str) -> list[tuple]:
    book = load_workbook(io.BytesIO(content), read_only=True)
    try:
        return [tuple(row) for row in book[sheet].iter_rows(values_only=True)]
    finally:
        book.close()


def test_the_workbook_holds_the_rows_of_the_csv_and_explains_its_columns(
    client, provincial_reviewer, alpha, django_capture_on_commit_callbacks
):
    add_enterprises(COUNTY_A, 3)
    run = screen(provincial_reviewer, django_capture_on_commit_callbacks, packs=PACKS)
    assert run.status == "done", run.error
    client.force_login(provincial_reviewer)
    response = client.get(reverse("assessment:screening_download", args=[run.pk, "xlsx"]))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    results = _sheet_rows(b"".join(response.streaming_content), workbook.RESULTS_SHEET)

    with screening_result_file(run, "csv").open(newline="", encoding="utf-8-sig") as handle:
        expected = list(csv.reader(handle))
    pack_row, label_row, id_row = results[:3]
    assert list(id_row) == expected[0]
    assert len(results) - 3 == len(expected) - 1 == 4
    assert label_row[:2] == ("统一社会信用代码", "企业名称")
    assert pack_row[expected[0].index("cn.miit.innovative-sme.2022.outcome")].startswith(
        "创新型中小企业评价标准"
    )
    by_code = {row[0]: row for row in results[3:]}
    for line in expected[1:]:
        row = by_code[line[0]]
        assert ["" if v is None else str(v) for v in row[:2]] == line[:2]  # credit code, name
        points = expected[0].index("cn.miit.innovative-sme.2022.score")
        assert (row[points] is None and line[points] == "") or float(line[points]) == row[points]

    notes = {
        row[0]: row
        for row in _sheet_rows(screening_result_file(run, "xlsx").read_bytes(), workbook.COLUMNS_SHEET)
    }
    assert set(expected[0]) <= set(notes)
    assert notes["name"][1] and notes["name"][2]  # the field's Chinese and English labels
    rd = notes["cn.miit.innovative-sme.2022.rd_intensity"]
    assert "研发" in rd[1] and "points" in rd[3] and rd[5]  # label, values, the clause it encodes
    assert "micro 微型" in notes["cn.miit.sme-size.2011.outcome"][3]
