"""CSV and XLSX downloads of the tracker: every enterprise of the tier in the focus, its level and its source.

Cells a spreadsheet would read as a formula are made inert by the platform's one rule (spreadsheet_cells), since
names come from enterprises themselves.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.http import HttpResponse
from django.utils.translation import gettext as _

from littlegiant.digital import tracker as tracking
from littlegiant.digital.models import LevelSource
from littlegiant.digital.services import dimension_labels
from littlegiant.downloads import ExportFormat, spreadsheet_response
from littlegiant.reference.models import Region


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
    sources = {
        LevelSource.MIIT: _("MIIT platform"),
        LevelSource.QUESTIONNAIRE: _("questionnaire, provisional"),
    }
    queryset = (
        tracking.snapshot(tier, year, focus)
        .order_by("region_path", "name", "enterprise_id")
        .values_list(
            "enterprise__credit_code",
            "name",
            "region_id",
            "region__name",
            "level",
            "source",
            "miit_level",
            "questionnaire_level",
            "weakest_dimension",
        )
    )
    for (
        code,
        name,
        region_code,
        region_name,
        level,
        source,
        miit,
        questionnaire,
        weakest,
    ) in queryset.iterator(chunk_size=2000):
        yield [
            code,
            name,
            region_code,
            region_name,
            year,
            level,
            sources.get(source, ""),
            miit,
            questionnaire,
            _("yes") if (level or 0) >= tracking.GOAL_LEVEL else _("no"),
            labels.get(weakest, ""),
        ]


def tracker_response(fmt: ExportFormat, *, tier: str, year: int, focus: Region | None) -> HttpResponse:
    """The tracker's list of enterprises as a download."""
    name = f"digital-tracker-{tier}-{year}-{focus.code if focus else 'CN'}"
    return spreadsheet_response(fmt, name=name, header=header(), rows=rows(tier=tier, year=year, focus=focus))
