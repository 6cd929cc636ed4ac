"""Bulk import of listings from CSV or XLSX: every row checked, nothing written unless all pass."""

from __future__ import annotations

import csv
import io

from littlegiant.techtransfer.importing import import_listings
from littlegiant.techtransfer.models import PatentListing
from littlegiant.techtransfer.search import search

HEADER = [
    "application_number",
    "title",
    "abstract",
    "ipc_codes",
    "legal_status",
    "expires_on",
    "maturity",
    "industries",
    "problem",
    "benefit",
    "applications",
    "exclusive",
    "free_months",
    "royalty_basis",
    "royalty_rate",
    "annual_fee",
    "annual_cap",
]
GOOD = [
    "202210956187.7",
    "一种石墨烯导热膜",
    "石墨烯导热膜，导热系数高。",
    "C08K 3/04",
    "granted",
    "2042-01-01",
    "pilot",
    "29",
    "散热差",
    "导热好",
    "电子散热",
    "no",
    "12",
    "net_sales",
    "3",
    "",
    "100000",
]
SECOND = [
    "202211411308.6",
    "一种固态电解质",
    "固态电解质膜。",
    "H01M 10/0562",
    "pending",
    "2043-01-01",
    "prototype",
    "38",
    "安全性差",
    "更安全",
    "动力电池",
    "yes",
    "6",
    "fixed_fee",
    "",
    "50000",
    "",
]


def _csv(*rows: list[str]) -> io.BytesIO:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    writer.writerows(rows)
    return io.BytesIO(out.getvalue().encode("utf-8-sig"))


def test_a_good_file_creates_indexed_published_listings(olivia, hangzhou_university):
    report = import_listings(_csv(GOOD, SECOND), "listings.csv", institution=hangzhou_university, by=olivia)
    assert report.ok and report.created == 2
    assert search("石墨烯").hits[0].listing.application_number == "202210956187.7"
    assert PatentListing.objects.get(application_number="202211411308.6").industries.get().code == "38"


def test_one_bad_row_writes_nothing_and_names_row_and_column(olivia, hangzhou_university):
    bad = list(SECOND)
    bad[0] = "202211411308.5"
    bad[13] = "fixed_fee"
    bad[15] = ""
    report = import_listings(_csv(GOOD, bad), "listings.csv", institution=hangzhou_university, by=olivia)
    assert not report.ok
    assert PatentListing.objects.count() == 0
    problems = {(p.row, p.column) for p in report.problems}
    assert (3, "application_number") in problems
    assert (3, "annual_fee") in problems


def test_a_duplicate_within_the_file_is_named(olivia, hangzhou_university):
    report = import_listings(_csv(GOOD, GOOD), "listings.csv", institution=hangzhou_university, by=olivia)
    assert [p.problem for p in report.problems] == ["Same patent as row 2."]


def test_xlsx_files_are_read_too(olivia, hangzhou_university):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet.append(GOOD)
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    report = import_listings(data, "listings.xlsx", institution=hangzhou_university, by=olivia)
    assert report.ok and report.created == 1
