"""An import is all or nothing: one bad row among good ones, and the register is left exactly as it was."""

import pytest

from littlegiant.enterprises.models import AnnualFiling, DataImport, Enterprise
from tests.enterprises.conftest import DELTA_CODE, filing_row

pytestmark = pytest.mark.django_db


def test_nothing_is_written(import_csv, alpha):
    before = list(AnnualFiling.objects.values_list("enterprise_id", "year", "employees"))
    rows = [
        filing_row(),
        filing_row(alpha.credit_code, name=alpha.name, employees=999),
        filing_row(DELTA_CODE, name="宁波德尔塔电子有限公司", region_code="330212", employees=-1),
    ]
    report = import_csv(rows)
    assert not report.ok and report.problem_count == 1
    assert Enterprise.objects.count() == 1
    assert list(AnnualFiling.objects.values_list("enterprise_id", "year", "employees")) == before
    assert not DataImport.objects.exists()
    assert (report.enterprises_created, report.filings_created, report.filings_updated) == (0, 0, 0)


def test_a_bad_row_past_the_first_batch_still_writes_nothing(import_csv, monkeypatch):
    from littlegiant.enterprises import importing
    from littlegiant.identifiers import make_credit_code

    monkeypatch.setattr(importing, "BATCH_ROWS", 10)
    rows = [
        filing_row(make_credit_code("91", "330106", f"MA{n:06d}"), name=f"杭州第{n}号企业有限公司")
        for n in range(35)
    ]
    rows[-1]["own_brand"] = "perhaps"
    assert not import_csv(rows).ok
    assert not Enterprise.objects.exists()


def test_a_conflict_with_stored_data_rolls_back_earlier_batches(import_csv, alpha, monkeypatch):
    """The file gives only rd_staff; the stored employees (180) are fewer: found while writing, all undone."""
    from littlegiant.enterprises import importing
    from littlegiant.identifiers import make_credit_code

    monkeypatch.setattr(importing, "BATCH_ROWS", 5)
    columns = ["credit_code", "name", "region_code", "industry_code", "year", "rd_staff"]
    rows = [
        filing_row(
            make_credit_code("91", "330106", f"MB{n:06d}"), name=f"杭州第{n}号企业有限公司", rd_staff=1
        )
        for n in range(12)
    ]
    rows.append(filing_row(alpha.credit_code, name=alpha.name, rd_staff=500))
    report = import_csv(rows, columns=columns)
    assert [(p.row, p.column, p.value) for p in report.problems] == [(14, "rd_staff", "500")]
    assert Enterprise.objects.count() == 1
    assert AnnualFiling.objects.get().rd_staff == 41
