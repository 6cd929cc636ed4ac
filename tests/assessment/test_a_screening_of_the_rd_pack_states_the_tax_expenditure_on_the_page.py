"""A finished screening with the R&D super-deduction pack states the jurisdiction's totals on its page, not only
in the downloads: the total additional deduction and the total tax saving (the tax expenditure of the
deduction), each the exact sum of the amounts the downloads carry (every one rounded half up to the fen first,
D12), written to the fen, with the number of enterprises that have each (criteria.md §6, D12–D16)."""

import csv
from decimal import Decimal

from django.urls import reverse
from django.utils import translation

from littlegiant.assessment.services import screening_result_file, screening_totals
from tests.assessment.conftest import add_enterprises, screen
from tests.assessment.test_a_screening_of_the_rd_pack_downloads_its_amounts import PACK, RD
from tests.cast import COUNTY_A


def test_the_page_states_the_total_deduction_and_tax_saving_to_the_fen(
    client, provincial_reviewer, alpha, django_capture_on_commit_callbacks
):
    enterprises = add_enterprises(COUNTY_A, 3)
    # Two enterprises with a breakdown (one with a fen in it); the third has none: its amounts are unknown.
    for enterprise, personnel in zip(enterprises[:2], (Decimal(600000), Decimal("600000.37")), strict=True):
        filing = enterprise.filings.get()
        for name, value in {**RD, "rd_personnel": personnel}.items():
            setattr(filing, name, value)
        filing.save()
    run = screen(provincial_reviewer, django_capture_on_commit_callbacks, packs=(PACK,))
    assert run.status == "done", run.error
    with screening_result_file(run, "csv").open(newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    downloaded = sum(Decimal(r["tax_saving"]) for r in rows if r["tax_saving"])
    totals = {t.column: t for t in screening_totals(run)}
    # 1,000,000.00 + 1,000,000.37 of deduction; 25% of each, 250,000.0925 written as 250,000.09.
    assert totals["additional_deduction"].total == Decimal("2000000.37")
    assert totals["tax_saving"].total == downloaded == Decimal("500000.09")
    assert totals["tax_saving"].enterprises == 2
    client.force_login(provincial_reviewer)
    with translation.override("en"):
        page = client.get(reverse("assessment:screening"), headers={"accept-language": "en"}).content.decode()
    assert "2,000,000.37 yuan" in page
    assert (
        "Tax expenditure of the R&amp;D super-deduction here: 500,000.09 yuan, saved by 2 enterprises."
        in page
    )
    zh = client.get(reverse("assessment:screening"), headers={"accept-language": "zh-hans"}).content.decode()
    assert "500,000.09 元" in zh
