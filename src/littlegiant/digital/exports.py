"""CSV and XLSX downloads of the tracker: every enterprise of the tier in the focus, its level and its source.

Cells a spreadsheet would read as a formula are made inert by the platform's one rule (spreadsheet_cells), since
names come from enterprises themselves.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Literal

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from littlegiant.digital import tracker as tracking
from littlegiant.digital.services import dimension_labels
from littlegiant.reference.models import Region
from littlegiant.spreadsheet_cells import inert_row

ExportFormat = Literal["csv", "xlsx"]
FORMATS: tuple[ExportFormat, ...] = ("csv", "xlsx")


def header() -> list[str]:
    return [
        _("Credit code"),
        _("Enterprise"),
        _("Region code"),
        _("Region"),
        _("Year"),
        _("Level that counts"),
        _("Source of the level"),
        _("MIIT-entered level"),
        _("Questionnaire level (provisional, [U])"),
        _("At or above the goal"),
        _("Weakest dimension"),
    ]


def rows(*, tier: str, year: int, focus: Region | None) -> Iterator[list[object]]:
    """One row per enterprise of the tier in the focus, ordered by region and name."""
    labels = dimension_labels()
    queryset = (
        tracking.with_levels(tracking.population(tier, year, focus), year)
        .select_related("region")
        .order_by("region__path", "name")
    )
    for enterprise in queryset.iterator(chunk_size=2000):
        source = (
            _("MIIT platform")
            if enterprise.miit_level is not None
            else _("questionnaire, provisional")
            if enterprise.questionnaire_level is not None
            else ""
        )
        yield [
            enterprise.credit_code,
            enterprise.name,
            enterprise.region_id,
            enterprise.region.name,
            year,
            enterprise.level,
            source,
            enterprise.miit_level,
            enterprise.questionnaire_level,
            _("yes") if (enterprise.level or 0) >= tracking.GOAL_LEVEL else _("no"),
            labels.get(enterprise.weakest or "", ""),
        ]


class _Echo:
    def write(self, value: str) -> str:
        return value


def tracker_response(fmt: str, *, tier: str, year: int, focus: Region | None) -> HttpResponse:
    """The download, streamed for CSV, written in constant memory for XLSX."""
    name = f"digital-tracker-{tier}-{year}-{focus.code if focus else 'CN'}"
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    if fmt == "csv":
        writer = csv.writer(_Echo())

        def lines() -> Iterator[str]:
            yield "\ufeff"  # Excel reads UTF-8 CSV as Chinese only with a byte-order mark
            yield writer.writerow(header())
            for row in rows(tier=tier, year=year, focus=focus):
                yield writer.writerow(inert_row(row))

        response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.csv"'
        return response
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(str(year))
    sheet.append(header())
    for row in rows(tier=tier, year=year, focus=focus):
        sheet.append(inert_row(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.xlsx"'
    return response
