"""Exporting annual filings in the import format (canonical columns, CSV or XLSX): a round trip loses nothing.

Only what the person may see is exported: the rows start from `Enterprise.objects.for_user(user)`.
"""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, BinaryIO

from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext as _

from littlegiant.enterprises.filing_values import format_value
from littlegiant.enterprises.models import AnnualFiling, Enterprise
from littlegiant.reference.models import Region
from littlegiant.rules.schema import DATA_FIELDS, FILING_COLUMNS
from littlegiant.spreadsheet_cells import inert

if TYPE_CHECKING:
    from littlegiant.accounts.models import User

EXPORT_FORMATS = ("csv", "xlsx")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
_STORED_COLUMNS = (
    "enterprise__credit_code",
    "enterprise__name",
    "enterprise__region_id",
    "enterprise__industry_id",
    "year",
    *DATA_FIELDS,
)


def export_rows(
    user: User | None, *, year: int | None = None, region_code: str | None = None
) -> Iterator[tuple]:
    """The header, then one row of typed values per filing the person may see (None: the operator, all)."""
    enterprises = Enterprise.objects.all() if user is None else Enterprise.objects.for_user(user)
    filings = _filings(enterprises, year, region_code)
    return _rows(filings)


def _filings(enterprises, year: int | None, region_code: str | None):
    filings = AnnualFiling.objects.filter(enterprise__in=enterprises)
    if year is not None:
        filings = filings.filter(year=year)
    if region_code:
        region = Region.objects.filter(code=region_code).first()
        if region is None:
            raise ValidationError({"region": _("Unknown region code %(code)s.") % {"code": region_code}})
        filings = filings.filter(enterprise__region__path__startswith=region.path)
    return filings


def _rows(filings) -> Iterator[tuple]:
    yield FILING_COLUMNS
    # values_list and a server-side cursor: a large export never holds model instances in memory.
    yield from (
        filings.order_by("enterprise__credit_code", "year")
        .values_list(*_STORED_COLUMNS)
        .iterator(chunk_size=2000)
    )


def csv_lines(rows: Iterator[tuple]) -> Iterator[str]:
    """CSV text, line by line, starting with a byte-order mark so that Excel reads it as UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    yield "\ufeff"
    for row in rows:
        writer.writerow([format_value(inert(value)) for value in row])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def write_csv(rows: Iterator[tuple], out: BinaryIO) -> int:
    """Write the rows as UTF-8 CSV; returns the number of data rows."""
    lines = 0
    for line in csv_lines(rows):
        out.write(line.encode("utf-8"))
        lines += 1
    return max(lines - 2, 0)  # less the byte-order mark and the header


def _xlsx_cell(value: object) -> object:
    value = inert(value)
    if isinstance(value, Decimal):
        # A spreadsheet number is a binary float: keep it a number when the float reads back exactly,
        # otherwise write the exact decimal as text (the importer reads both).
        as_float = float(value)
        return as_float if Decimal(repr(as_float)) == value else format_value(value)
    return value


def write_xlsx(rows: Iterator[tuple], out: BinaryIO) -> int:
    """Write the rows as an XLSX workbook (streamed, write-only); returns the number of data rows."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("filings")
    written = 0
    for row in rows:
        sheet.append([_xlsx_cell(value) for value in row])
        written += 1
    workbook.save(out)
    return max(written - 1, 0)  # less the header


def filings_download(rows: Iterator[tuple], *, year: int | None, file_format: str) -> HttpResponse:
    """The export as a download (the page's and the API's): CSV streamed, or an XLSX workbook."""
    name = f"littlegiant-filings{f'-{year}' if year else ''}.{file_format}"
    if file_format == "csv":
        response: HttpResponse = StreamingHttpResponse(csv_lines(rows), content_type=CONTENT_TYPES["csv"])
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    # A workbook is a zip archive: it is written whole (spilling to disk when large), then sent.
    spool = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115 (FileResponse closes it)
    write_xlsx(rows, spool)
    spool.seek(0)
    return FileResponse(spool, as_attachment=True, filename=name, content_type=CONTENT_TYPES["xlsx"])


def export_filings(
    out: BinaryIO,
    file_format: str,
    *,
    by: User | None,
    year: int | None = None,
    region_code: str | None = None,
) -> int:
    """Write the filings this person may see to `out` as CSV or XLSX; returns the number of rows written."""
    if file_format not in EXPORT_FORMATS:
        raise ValidationError({"format": _("Choose csv or xlsx.")})
    rows = export_rows(by, year=year, region_code=region_code)
    return write_csv(rows, out) if file_format == "csv" else write_xlsx(rows, out)
