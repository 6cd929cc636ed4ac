"""Issue 17 item 7 and the brief: "imports all or nothing with a row-by-row report"."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from littlegiant.digital import importing
from littlegiant.digital.models import Evaluation, EvaluationEvent
from littlegiant.notifications.models import Notification

HEADER = "credit_code,year,q1,q2,q3,q4,q5,q6,q7,q8,q9,q10,q11,q12,q13,q14,q15,s1\n"
ROW = "{code},{year},B|C,20,10,B|O,C,A,B,C,B,B|C,15,B,C,C,B,3\n"


def upload(text: str, name: str = "results.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def test_two_good_rows_are_imported_and_the_owner_is_told(alpha, alice, beta, provincial_reviewer) -> None:
    text = (
        HEADER + ROW.format(code=alpha.credit_code, year=2024) + ROW.format(code=beta.credit_code, year=2025)
    )
    report = importing.import_results(upload(text), by=provincial_reviewer)
    assert report.ok and report.imported == 2
    evaluation = Evaluation.objects.get(enterprise=alpha, year=2024)
    assert str(evaluation.total_points) == "38.100"  # the same answers as the page test
    assert EvaluationEvent.objects.filter(evaluation=evaluation, action="import").exists()
    assert Notification.objects.filter(recipient=alice).count() == 1


def test_one_bad_row_writes_nothing_and_the_report_names_line_and_field(
    alpha, beta, provincial_reviewer
) -> None:
    bad = ROW.format(code=beta.credit_code, year=2025).replace(",20,10,", ",120,10,")
    text = HEADER + ROW.format(code=alpha.credit_code, year=2024) + bad
    report = importing.import_results(upload(text), by=provincial_reviewer)
    assert not report.ok
    assert report.rows[0].errors == []
    assert report.rows[1].line == 3 and report.rows[1].errors[0].startswith("q2:")
    assert not Evaluation.objects.exists()


def test_an_enterprise_outside_the_jurisdiction_is_refused(beta, hangzhou_reviewer) -> None:
    with translation.override("en"):
        report = importing.import_results(
            upload(HEADER + ROW.format(code=beta.credit_code, year=2025)), by=hangzhou_reviewer
        )
    assert not report.ok
    assert "outside your jurisdiction" in report.rows[0].errors[0]
    assert not Evaluation.objects.exists()


def test_an_xlsx_file_is_read_like_a_csv(alpha, provincial_reviewer) -> None:
    import io

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for line in (HEADER + ROW.format(code=alpha.credit_code, year=2024)).strip().split("\n"):
        sheet.append(line.split(","))
    buffer = io.BytesIO()
    workbook.save(buffer)
    file = SimpleUploadedFile("results.xlsx", buffer.getvalue())
    report = importing.import_results(file, by=provincial_reviewer)
    assert report.ok, [row.errors for row in report.rows] + report.problems
    assert str(Evaluation.objects.get(enterprise=alpha, year=2024).total_points) == "38.100"
