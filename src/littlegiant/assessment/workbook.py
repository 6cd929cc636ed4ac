"""A screening's results as an Excel workbook: the results sheet, and a sheet saying what each column is.

Officials work in Excel. The results sheet has three header rows: the rule pack over its columns, each column's
Chinese name, and the column's canonical id (the CSV's header, where the filters sit). The workbook is written
row by row in constant memory (XlsxWriter), streamed from the result file in Arrow batches, so its size is
bounded by Excel's own sheet, not by the server's memory.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import groupby
from pathlib import Path
from typing import Any

from littlegiant.rules import registry
from littlegiant.rules.pack import Indicator, RulePack
from littlegiant.rules.schema import FIELDS_BY_NAME
from littlegiant.spreadsheet_cells import inert

# An Excel sheet holds 1,048,576 rows; three of them are the header.
MAX_ROWS = 1_048_573
HEADER_ROWS = 3
BATCH_ROWS = 10_000
RESULTS_SHEET = "结果 Results"
COLUMNS_SHEET = "说明 Columns"
ENTERPRISE_HEADING = "企业 Enterprise"
WIDE_COLUMNS = {"credit_code": 21, "name": 32}
# Beside the canonical fields: where the record's digital level came from (D17), as in the self-assessment's note.
LEVEL_SOURCE = "digital_level_source"
LEVEL_SOURCE_NOTE = (
    "数字化水平来源",
    "Source of the digital level",
    "MIIT 工信部平台 / 问卷暂定 questionnaire, provisional (D17, [U]) / 空 none",
)
STATUS_VALUES = "met 符合 / unmet 不符合 / unknown 缺数据 / not_evaluated 不评价"
OUTCOME_WORDS = {
    "qualified": "符合",
    "not_qualified": "不符合",
    "insufficient_data": "数据不足",
    "large": "大型",
    "medium": "中型",
    "small": "小型",
    "micro": "微型",
    "eligible": "可加计扣除",
    "not_eligible": "不适用（行业）",
    "not_applicable": "不适用（年度）",
}


@dataclass(frozen=True)
class ColumnNote:
    """What one column of the results holds, in Chinese and English, and where its rule comes from."""

    name: str
    label_zh: str
    label_en: str
    values: str = ""
    pack_id: str = ""
    pack_title: str = ""
    clause: str = ""
    confidence: str = ""


def column_notes(columns: Sequence[str], pack_ids: Sequence[str]) -> list[ColumnNote]:
    """A note for every column of a screening's results, in their order.

    The engine names a lone pack's columns plainly (`outcome`) and prefixes them with the pack id otherwise
    (`cn.miit.sme-size.2011.outcome`).
    """
    packs = [registry.get(pack_id) for pack_id in pack_ids]
    notes: dict[str, ColumnNote] = {}
    for name in columns:
        if name in FIELDS_BY_NAME:
            field = FIELDS_BY_NAME[name]
            notes[name] = ColumnNote(name, field.label_zh, field.label_en)
    notes[LEVEL_SOURCE] = ColumnNote(LEVEL_SOURCE, *LEVEL_SOURCE_NOTE)
    for pack in packs:
        notes.update(_pack_notes(pack, "" if len(packs) == 1 else f"{pack.id}."))
    return [notes.get(name, ColumnNote(name, name, name)) for name in columns]


def _pack_notes(pack: RulePack, prefix: str) -> dict[str, ColumnNote]:
    def note(name: str, zh: str, en: str, values: str, clause: str = "", confidence: str = "") -> ColumnNote:
        title = f"{pack.title_zh} {pack.title_en}"
        return ColumnNote(prefix + name, zh, en, values, pack.id, title, clause, confidence)

    outcomes = " / ".join(
        f"{value} {OUTCOME_WORDS.get(value, '')}".strip() for value in dict.fromkeys(pack.outcome_values)
    )
    notes = [
        note("outcome", "结论", "Outcome", outcomes, pack.document),
        note("score", "得分", "Score", "无计分项时为空 empty where the pack has no points"),
    ]
    for amount in pack.written_amounts:
        # A calculation pack's amounts (enterprise-data.md): yuan, or a rate, rounded half up to the fen (D12).
        values = "比例 rate" if amount.display == "rate" else "元，四舍五入到分 yuan, rounded to the fen"
        notes.append(
            note(
                amount.column,
                amount.label_zh,
                amount.label_en,
                values,
                f"{amount.document} {amount.clause}",
                str(amount.confidence),
            )
        )
    for criterion in pack.criteria:
        values = "得分 points" if isinstance(criterion, Indicator) else STATUS_VALUES
        notes.append(
            note(
                criterion.id,
                criterion.label_zh,
                criterion.label_en,
                values,
                criterion.clause,
                str(criterion.confidence),
            )
        )
    return {n.name: n for n in notes}


def write_workbook(
    batches: Iterable[Any], columns: Sequence[str], pack_ids: Sequence[str], target: Path
) -> int:
    """Write the results (Arrow record batches, `columns` in order) and the column notes to `target`.

    Returns the number of result rows. Raises ValueError, leaving no file, when the rows would not fit.
    """
    import xlsxwriter

    notes = column_notes(columns, pack_ids)
    # No text becomes a formula, whatever inert() lets through (XlsxWriter also reads "{=…}" as one).
    workbook = xlsxwriter.Workbook(str(target), {"constant_memory": True, "strings_to_formulas": False})
    rows = 0
    try:
        formats = {
            "pack": workbook.add_format(
                {"bold": True, "bg_color": "#DCE6F2", "border": 1, "align": "center"}
            ),
            "label": workbook.add_format(
                {"bold": True, "bg_color": "#EEF2F7", "border": 1, "text_wrap": True}
            ),
            "id": workbook.add_format({"font_color": "#555555", "bg_color": "#F7F9FB", "border": 1}),
        }
        sheet = workbook.add_worksheet(RESULTS_SHEET)
        _write_header(sheet, notes, formats)
        for batch in batches:
            if rows + batch.num_rows > MAX_ROWS:
                raise ValueError(f"{rows + batch.num_rows:,} rows do not fit an Excel sheet ({MAX_ROWS:,}).")
            values = [column.to_pylist() for column in batch.columns]
            for offset, row in enumerate(zip(*values, strict=True)):
                sheet.write_row(HEADER_ROWS + rows + offset, 0, [_cell(value) for value in row])
            rows += batch.num_rows
        sheet.autofilter(HEADER_ROWS - 1, 0, HEADER_ROWS - 1 + max(rows, 1), len(columns) - 1)
        _write_notes(workbook, formats["label"], notes)
    except BaseException:
        workbook.close()
        target.unlink(missing_ok=True)
        raise
    workbook.close()
    return rows


def _write_header(sheet: Any, notes: Sequence[ColumnNote], formats: dict[str, Any]) -> None:
    """Row 1: the pack over its columns; row 2: each column's Chinese name; row 3: its canonical id."""
    first = 0
    for pack_id, group in groupby(notes, key=lambda note: note.pack_id):
        width = len(list(group))
        heading = notes[first].pack_title if pack_id else ENTERPRISE_HEADING
        if width > 1:
            sheet.merge_range(0, first, 0, first + width - 1, heading, formats["pack"])
        else:
            sheet.write(0, first, heading, formats["pack"])
        first += width
    # In constant-memory mode a row is final once a later row is written: one row at a time.
    sheet.set_row(1, 45)
    for index, note in enumerate(notes):
        sheet.set_column(index, index, WIDE_COLUMNS.get(note.name, 14))
        sheet.write(1, index, note.label_zh, formats["label"])
    sheet.write_row(2, 0, [note.name for note in notes], formats["id"])
    sheet.freeze_panes(HEADER_ROWS, 2)


def _write_notes(workbook: Any, header: Any, notes: Sequence[ColumnNote]) -> None:
    sheet = workbook.add_worksheet(COLUMNS_SHEET)
    titles = [
        "列 Column",
        "中文",
        "English",
        "取值 Values",
        "规则包 Rule pack",
        "条款 Clause",
        "可信度 Confidence",
    ]
    for index, width in enumerate((34, 36, 40, 44, 44, 36, 12)):
        sheet.set_column(index, index, width)
    sheet.write_row(0, 0, titles, header)
    for row, note in enumerate(notes, start=1):
        sheet.write_row(
            row,
            0,
            [
                note.name,
                note.label_zh,
                note.label_en,
                note.values,
                f"{note.pack_title} ({note.pack_id})" if note.pack_id else "",
                note.clause,
                note.confidence,
            ],
        )
    sheet.freeze_panes(1, 1)


def _cell(value: object) -> object:
    # Points and scores are exact decimals of at most six places: a float shows them unchanged in Excel.
    if isinstance(value, Decimal):
        return float(value)
    return inert(value)
