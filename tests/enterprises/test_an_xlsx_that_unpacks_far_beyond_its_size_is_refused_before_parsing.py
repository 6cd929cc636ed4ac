"""F5 of the security review: a workbook's zip directory is inspected before openpyxl reads it.

A 29 KB workbook whose sheet is 200,000 empty rows (9.6 MB of XML, ≈340:1) cost 6.6 s of CPU per upload, web
or API; at that ratio a 10 MB upload is ≈3.4 GB of XML. Both importers (enterprise data, patent listings)
now refuse it with a clear message before parsing.
"""

import io
import zipfile

import pytest
from openpyxl import Workbook

from littlegiant.enterprises.importing import import_filings
from littlegiant.techtransfer.importing import import_listings

pytestmark = pytest.mark.django_db

EMPTY_ROWS = 200_000


def _bomb() -> bytes:
    """A genuine workbook whose first sheet is replaced by a header and 200,000 empty rows."""
    plain = io.BytesIO()
    workbook = Workbook()
    workbook.active.append(["credit_code", "name", "region_code", "industry_code", "year"])
    workbook.save(plain)
    rows = "<row></row>" * EMPTY_ROWS
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>credit_code</t></is></c></row>'
        f"{rows}</sheetData></worksheet>"
    )
    bomb = io.BytesIO()
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = sheet.encode() if item.filename == "xl/worksheets/sheet1.xml" else source.read(item)
            target.writestr(item.filename, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return bomb.getvalue()


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return _bomb()


def test_the_data_import_refuses_it_naming_the_part(bomb, settings):
    assert len(bomb) < 30_000
    report = import_filings(io.BytesIO(bomb), "bomb.xlsx", by=None)
    assert [(problem.row, problem.column) for problem in report.problems] == [(0, "")]
    problem = report.problems[0].problem
    assert "xl/worksheets/sheet1.xml" in problem
    assert report.rows == 0


def test_the_listing_import_refuses_it_too(bomb, olivia, hangzhou_university):
    report = import_listings(io.BytesIO(bomb), "bomb.xlsx", institution=hangzhou_university, by=olivia)
    assert not report.ok
    assert "xl/worksheets/sheet1.xml" in report.problems[0].problem
