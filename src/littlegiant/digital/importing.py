"""Import of questionnaire results (CSV or XLSX): all rows or none, with a report row by row.

One row per enterprise and year: `credit_code`, `year`, then the answers `q1`…`q15` (a multiple choice as
option letters separated by `|` or `,`, e.g. `B|C`; a band item as a percentage) and optionally `s1`…`s16`
(scenario levels 1–4). Every row is checked before anything is written; one bad row writes nothing.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from littlegiant.accounts.jurisdiction import covers_region
from littlegiant.digital import services
from littlegiant.digital.questionnaire import ItemKind, load
from littlegiant.enterprises.models import Enterprise
from littlegiant.upload_limits import UploadRefused, check_sheet_rows, check_workbook, size_refusal

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

    from littlegiant.accounts.models import User

MAX_ROWS = 20_000


def column_names() -> list[str]:
    """The columns a results file has, in order."""
    questionnaire = load()
    return [
        "credit_code",
        "year",
        *[i.id for i in questionnaire.items],
        *[s.id for s in questionnaire.scenarios],
    ]


@dataclass(slots=True)
class RowReport:
    line: int
    credit_code: str
    errors: list[str] = field(default_factory=list)


@dataclass(slots=True)
class ImportReport:
    """What an import did: every row with its problems; nothing is written unless every row is clean."""

    rows: list[RowReport] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    imported: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems and all(not row.errors for row in self.rows)


def _read(file: UploadedFile) -> list[dict[str, str]]:
    name = (file.name or "").lower()
    refusal = size_refusal(file.size)
    if refusal:
        raise ValidationError({"file": refusal})
    if name.endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            check_workbook(file)  # refused before openpyxl unpacks a byte (security review F5)
            sheet = load_workbook(file, read_only=True, data_only=True).worksheets[0]
            values = []
            for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
                check_sheet_rows(number)
                values.append(["" if c is None else str(c).strip() for c in row])
        except UploadRefused as error:
            raise ValidationError({"file": str(error)}) from None
    elif name.endswith(".csv"):
        text = file.read().decode("utf-8-sig")
        values = [[c.strip() for c in row] for row in csv.reader(io.StringIO(text))]
    else:
        raise ValidationError({"file": _("Upload a .csv or .xlsx file.")})
    if not values:
        raise ValidationError({"file": _("The file is empty.")})
    head = values[0]
    return [dict(zip(head, row, strict=False)) for row in values[1:] if any(row)]


def _answers(row: dict[str, str]) -> dict[str, object]:
    questionnaire = load()
    answers: dict[str, object] = {}
    for item in questionnaire.items:
        raw = (row.get(item.id) or "").strip()
        if item.kind == ItemKind.MULTIPLE and raw:
            answers[item.id] = [key.strip() for key in raw.replace(",", "|").split("|") if key.strip()]
        else:
            answers[item.id] = raw or None
    for scenario in questionnaire.scenarios:
        answers[scenario.id] = (row.get(scenario.id) or "").strip() or None
    return answers


def import_results(file: UploadedFile, *, by: User) -> ImportReport:
    """Check every row, then write them all in one transaction (or none, if any row has a problem)."""
    report = ImportReport()
    try:
        records = _read(file)
    except ValidationError as error:
        report.problems.extend(error.messages)
        return report
    if len(records) > MAX_ROWS:
        report.problems.append(_("At most %(n)s rows per file.") % {"n": MAX_ROWS})
        return report
    missing = [c for c in ("credit_code", "year") if records and c not in records[0]]
    if missing:
        report.problems.append(_("Missing columns: %(c)s.") % {"c": ", ".join(missing)})
        return report
    codes = {r.get("credit_code", "").strip() for r in records}
    enterprises = {
        e.credit_code: e for e in Enterprise.objects.filter(credit_code__in=codes).select_related("region")
    }
    seen: set[tuple[str, str]] = set()
    for line, record in enumerate(records, start=2):
        code = record.get("credit_code", "").strip()
        row = RowReport(line, code)
        report.rows.append(row)
        enterprise = enterprises.get(code)
        if enterprise is None:
            row.errors.append(_("credit_code: no enterprise has this code."))
        elif not covers_region(by, enterprise.region):
            row.errors.append(_("credit_code: this enterprise is outside your jurisdiction."))
        year_text = record.get("year", "").strip()
        if not year_text.isdigit():
            row.errors.append(_("year: “%(v)s” is not a year.") % {"v": year_text})
        if (code, year_text) in seen:
            row.errors.append(_("year: this enterprise and year appear twice in the file."))
        seen.add((code, year_text))
    if not report.ok:
        return report
    try:
        with transaction.atomic():
            for row, record in zip(report.rows, records, strict=True):
                try:
                    services.record_imported(
                        enterprises[row.credit_code],
                        year=int(record["year"]),
                        answers=_answers(record),
                        by=by,
                    )
                except ValidationError as error:
                    row.errors.extend(
                        f"{name}: {message}"
                        for name, messages in error.message_dict.items()
                        for message in messages
                    )
            if not report.ok:
                raise _Rollback
    except _Rollback:
        return report
    except PermissionDenied as error:
        report.problems.append(str(error))
        return report
    report.imported = len(report.rows)
    return report


class _Rollback(Exception):
    """Raised inside the transaction to undo every row once one row failed."""
