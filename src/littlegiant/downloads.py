"""Spreadsheet downloads of a list page: CSV streamed row by row, or an XLSX workbook written in constant memory.

Every cell goes through `spreadsheet_cells.inert_row` (security review F3), so no app can forget it. Leaf module:
it imports no app, so every app's export may use it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Literal

from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from littlegiant.spreadsheet_cells import inert_row

ExportFormat = Literal["csv", "xlsx"]
FORMATS: tuple[ExportFormat, ...] = ("csv", "xlsx")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def export_format(fmt: str) -> ExportFormat:
    """The format a download's URL names (`export.<fmt>`); any other answers 404, as a page that is not there."""
    for known in FORMATS:
        if fmt == known:
            return known
    raise Http404(_("Choose CSV or XLSX."))


class _Echo:
    """A file-like object whose write() hands the CSV line back, so rows can be streamed as they are made."""

    def write(self, value: str) -> str:
        return value


def spreadsheet_response(
    kind: ExportFormat, *, name: str, header: list[str], rows: Iterable[list[object]]
) -> HttpResponse:
    """A download named `name-<date-time>`: CSV streamed (UTF-8 with a byte-order mark, which spreadsheet
    programs need to read Chinese), or an XLSX workbook with one sheet."""
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    if kind == "csv":
        writer = csv.writer(_Echo())

        def lines() -> Iterator[str]:
            yield "\ufeff"
            yield writer.writerow(inert_row(header))
            for row in rows:
                yield writer.writerow(inert_row(row))

        response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.csv"'
        return response
    from openpyxl import Workbook  # openpyxl is heavy to import; only XLSX downloads need it

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(name[:31])
    sheet.append(inert_row(header))
    for row in rows:
        sheet.append(inert_row(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.xlsx"'
    return response
