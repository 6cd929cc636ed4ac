"""A run too big for a sheet offers CSV and Parquet only."""

from django.urls import reverse

from littlegiant.assessment import workbook
from littlegiant.assessment.services import result_formats, screening_result_file
from tests.assessment.conftest import add_enterprises, screen
from tests.assessment.test_a_screening_downloads_as_an_excel_workbook import PACKS
from tests.cast import COUNTY_A


def test_a_run_too_big_for_a_sheet_offers_csv_and_parquet_only(
    client, provincial_reviewer, alpha, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(workbook, "MAX_ROWS", 2)
    add_enterprises(COUNTY_A, 3)
    run = screen(provincial_reviewer, django_capture_on_commit_callbacks, packs=PACKS)
    assert run.status == "done", run.error
    assert result_formats(run) == ("csv", "parquet")
    assert not screening_result_file(run, "csv").with_suffix(".xlsx").exists()
    client.force_login(provincial_reviewer)
    response = client.get(reverse("assessment:screening_download", args=[run.pk, "xlsx"]))
    assert response.status_code == 404
    page = client.get(reverse("assessment:screening")).content.decode()
    assert f"/screening/{run.pk}/results.csv" in page and "results.xlsx" not in page
    assert "行数超出 Excel 工作表容量" in page
