"""A screening's results as an Excel workbook: the results sheet, and a sheet saying what each column is.

Officials work in Excel. The workbook is written row by row in constant memory (XlsxWriter), streamed from
the result file in Arrow batches, so its size is bounded by Excel's own sheet, not by the server's memory.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from littlegiant.rules import registry
from littlegiant.rules.pack import Kind, RulePack
from littlegiant.rules.schema import FIELDS_BY_NAME

# An Excel sheet holds 1,048,576 rows; one of them is the header.
MAX_ROWS = 1_048_575
BATCH_ROWS = 10_000
RESULTS_SHEET = "结果 Results"
COLUMNS_SHEET = "说明 Columns"
WIDE_COLUMNS = {"credit_code": 21, "name": 32}


@dataclass(frozen=True)
class ColumnNote:
    """What one column of the results holds, in Chinese and English, and where the rule comes from."""

    name: str
    label_zh: str
    label_en: str
    pack: str = ""
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
    for pack in packs:
        prefix = "" if len(packs) == 1 else f"{pack.id}."
        notes.update(_pack_notes(pack, prefix))
    return [notes.get(name, ColumnNote(name, "", "")) for name in columns]


def _pack_notes(pack: RulePack, prefix: str) -> dict[str, ColumnNote]:
    title = f"{pack.title_zh} {pack.title_en} ({pack.id})"
    notes = {
        f"{prefix}outcome": ColumnNote(f"{prefix}outcome", "结论", "Outcome", title, pack.document),
        f"{prefix}score": ColumnNote(
            f"{prefix}score", "得分（无计分项时为空）", "Score (empty where the pack has none)", title
        ),
    }
    for criterion in pack.criteria:
        if criterion.kind == Kind.INDICATOR:
            zh, en = f"{criterion.label_zh}（得分）", f"{criterion.label_en} (points)"
        else:
            zh, en = (
                f"{criterion.label_zh}（met 符合 / unmet 不符合 / unknown 缺数据）",
                (f"{criterion.label_en} (met / unmet / unknown: data missing)"),
            )
        name = f"{prefix}{criterion.id}"
        notes[name] = ColumnNote(name, zh, en, title, criterion.clause, str(criterion.confidence))
    return notes


def write_workbook(batches, columns: Sequence[str], pack_ids: Sequence[str], target: Path) -> int:
    """Write the results (Arrow record batches, `columns` in order) and the column notes to `target`.

    Returns the number of result rows. Raises ValueError, writing nothing, when the rows would not fit.
    """
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(target), {"constant_memory": True})
    rows = 0
    try:
        header = workbook.add_format({"bold": True, "bg_color": "#EEF2F7", "border": 1})
        sheet = workbook.add_worksheet(RESULTS_SHEET)
        sheet.freeze_panes(1, 2)
        for index, name in enumerate(columns):
            sheet.set_column(index, index, WIDE_COLUMNS.get(name, max(12, min(len(name), 28))))
        sheet.write_row(0, 0, list(columns), header)
        for batch in batches:
            if rows + batch.num_rows > MAX_ROWS:
                raise ValueError(f"{rows + batch.num_rows:,} rows do not fit an Excel sheet ({MAX_ROWS:,}).")
            values = [column.to_pylist() for column in batch.columns]
            for offset, row in enumerate(zip(*values, strict=True)):
                sheet.write_row(rows + offset + 1, 0, [_cell(value) for value in row])
            rows += batch.num_rows
        sheet.autofilter(0, 0, max(rows, 1), len(columns) - 1)
        _write_notes(workbook, header, column_notes(columns, pack_ids))
    except BaseException:
        workbook.close()
        target.unlink(missing_ok=True)
        raise
    workbook.close()
    return rows


def _write_notes(workbook, header, notes: Sequence[ColumnNote]) -> None:
    sheet = workbook.add_worksheet(COLUMNS_SHEET)
    titles = ["列 Column", "中文", "English", "规则包 Rule pack", "条款 Clause", "可信度 Confidence"]
    for index, width in enumerate((34, 40, 44, 48, 40, 12)):
        sheet.set_column(index, index, width)
    sheet.write_row(0, 0, titles, header)
    for row, note in enumerate(notes, start=1):
        sheet.write_row(
            row, 0, [note.name, note.label_zh, note.label_en, note.pack, note.clause, note.confidence]
        )
    sheet.freeze_panes(1, 1)


def _cell(value: object) -> object:
    # Points and scores are exact decimals of at most six places: a float shows them unchanged in Excel.
    if isinstance(value, Decimal):
        return float(value)
    return value
