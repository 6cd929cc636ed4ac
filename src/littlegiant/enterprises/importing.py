"""Importing enterprise data files (CSV or XLSX, canonical columns): all or nothing, in two streaming passes.

The first pass reads the whole file and checks every row, keeping only small keys per row (credit code and
year, credit code and name) to find duplicates. Only a file without a single problem is read a second time
and written, in batches, inside one transaction. Memory stays bounded whatever the file's size.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, BinaryIO

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from littlegiant.accounts.jurisdiction import is_administrator, reviewer_region_paths
from littlegiant.enterprises.credit_code import CreditCodeError, check_credit_code, credit_code_problem
from littlegiant.enterprises.filing_values import (
    FilingValueError,
    cross_field_problems,
    is_empty,
    parse_value,
)
from littlegiant.enterprises.models import AnnualFiling, DataImport, Enterprise, Membership
from littlegiant.enterprises.services import flag_possible_duplicates
from littlegiant.enterprises.signals import register_changed
from littlegiant.reference.models import IndustryClass, Region
from littlegiant.rules.schema import APPLICATION_FIELDS, DATA_FIELDS, FIELDS_BY_NAME, IDENTITY_FIELDS
from littlegiant.upload_limits import UploadRefused, check_sheet_rows, check_workbook

if TYPE_CHECKING:
    from littlegiant.accounts.models import User

BATCH_ROWS = 1000
# A report lists this many problems; a file with more is bad enough that the first ones show what to fix.
MAX_REPORTED_PROBLEMS = 1000
FILE_LEVEL = 0  # the row number of a problem with the file itself rather than one of its rows
HEADER_ROW = 1
REPORTED_ENTERPRISES = 100

Progress = Callable[[str, int], None]


@dataclass(frozen=True, slots=True)
class ImportProblem:
    """One thing wrong in an import file: where (file row, column), what was there, and why it is refused."""

    row: int
    column: str
    value: str
    problem: str


@dataclass(slots=True)
class ImportReport:
    """What an import found and, when the file was good, what it wrote."""

    file_name: str
    dry_run: bool = False
    rows: int = 0
    problems: list[ImportProblem] = field(default_factory=list)
    problem_count: int = 0
    enterprises_created: int = 0
    enterprises_updated: int = 0
    enterprises_unchanged: int = 0
    filings_created: int = 0
    filings_updated: int = 0
    filings_unchanged: int = 0
    data_import_id: int | None = None
    enterprise_ids: list[int] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.problem_count == 0

    @property
    def written(self) -> bool:
        return self.ok and not self.dry_run and self.rows > 0

    @property
    def more_problems(self) -> int:
        return self.problem_count - len(self.problems)

    def add(self, row: int, column: str, value: object, problem: str) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_REPORTED_PROBLEMS:
            self.problems.append(ImportProblem(row, column, "" if value is None else str(value), problem))

    def as_dict(self) -> dict[str, object]:
        return {
            "file_name": self.file_name,
            "dry_run": self.dry_run,
            "ok": self.ok,
            "rows": self.rows,
            "problem_count": self.problem_count,
            "problems": [
                {"row": p.row, "column": p.column, "value": p.value, "problem": p.problem}
                for p in self.problems
            ],
            "enterprises_created": self.enterprises_created,
            "enterprises_updated": self.enterprises_updated,
            "filings_created": self.filings_created,
            "filings_updated": self.filings_updated,
            "data_import_id": self.data_import_id,
        }


class ImportFileError(ValueError):
    """The file cannot be read as a table at all (wrong type, not UTF-8, damaged workbook)."""


# Reading tables ---------------------------------------------------------------------------------------------


def file_kind(file_name: str) -> str:
    """'csv' or 'xlsx', from the file name; anything else is refused with a message."""
    lowered = file_name.lower()
    if lowered.endswith(".csv"):
        return "csv"
    if lowered.endswith(".xlsx"):
        return "xlsx"
    raise ImportFileError(
        _("Only .csv (UTF-8) and .xlsx files can be imported, not %(name)s.") % {"name": file_name}
    )


def read_table(file: BinaryIO, file_name: str) -> Iterator[tuple[int, tuple[object, ...]]]:
    """Each row of the file's first sheet with its row number (the header is row 1), streamed."""
    file.seek(0)
    if file_kind(file_name) == "csv":
        yield from _read_csv(file)
    else:
        yield from _read_xlsx(file)


def _read_csv(file: BinaryIO) -> Iterator[tuple[int, tuple[object, ...]]]:
    # utf-8-sig drops the byte-order mark Excel writes, and reads files without one unchanged.
    text = io.TextIOWrapper(file, encoding="utf-8-sig", newline="")
    try:
        for number, cells in enumerate(csv.reader(text), start=1):
            yield number, tuple(cells)
    except UnicodeDecodeError:
        raise ImportFileError(
            _("The file is not UTF-8 text: save it as “CSV UTF-8” and try again.")
        ) from None
    except csv.Error as error:
        raise ImportFileError(_("The CSV file cannot be read: %(error)s") % {"error": error}) from None
    finally:
        text.detach()  # leave the caller's file open for the second pass


def _read_xlsx(file: BinaryIO) -> Iterator[tuple[int, tuple[object, ...]]]:
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    try:
        check_workbook(file)
    except UploadRefused as refusal:
        raise ImportFileError(str(refusal)) from None
    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
    except (BadZipFile, KeyError, OSError, ValueError) as error:
        raise ImportFileError(
            _("The file is not a readable XLSX workbook (%(error)s).") % {"error": error}
        ) from None
    try:
        sheet = workbook.worksheets[0]
        for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
            try:
                check_sheet_rows(number)
            except UploadRefused as refusal:
                raise ImportFileError(str(refusal)) from None
            yield number, tuple(cells)
    finally:
        workbook.close()


# Checking rows ----------------------------------------------------------------------------------------------


@dataclass(slots=True)
class FilingRow:
    """One good row: the enterprise's identity, the year, and the data columns the file holds."""

    number: int
    credit_code: str
    name: str
    region_code: str
    industry_code: str
    year: int
    values: dict[str, object | None]


@dataclass(slots=True)
class _Authority:
    """Whose rows this person may write: everything, their own enterprises, or their jurisdiction."""

    everything: bool
    role: str
    member_of: frozenset[int] = frozenset()
    reviewer_paths: list[str] | None = None
    is_reviewer: bool = False

    def covers(self, path: str) -> bool:
        return any(path.startswith(prefix) for prefix in self.reviewer_paths or ())

    def may_change_identity(self, stored_path: str, new_path: str) -> bool:
        """Only an administrator, the operator, or a reviewer of both the old and the new region may change an
        enterprise's registered name, region or industry (kept in its history); never a member."""
        return self.everything or (self.is_reviewer and self.covers(stored_path) and self.covers(new_path))

    def refusal(self, existing: tuple[int, str] | None, new_path: str) -> str | None:
        if self.everything:
            return None
        if existing is not None and existing[0] in self.member_of:
            return None
        if self.is_reviewer:
            if (existing is None or self.covers(existing[1])) and self.covers(new_path):
                return None
            return _("this enterprise is outside your jurisdiction")
        return _("not your enterprise")


def import_refusal(user: User) -> str | None:
    """Why this person may not import at all (no enterprise, no region, no administrator role), or None."""
    try:
        _authority_of(user)
    except PermissionDenied as refusal:
        return str(refusal)
    return None


def _authority_of(user: User | None) -> _Authority:
    if user is None:
        return _Authority(everything=True, role="command line")
    if is_administrator(user):
        return _Authority(everything=True, role="administrator")
    if not (user.is_authenticated and user.is_active):
        raise PermissionDenied(_("Sign in to import enterprise data."))
    paths = reviewer_region_paths(user)
    member_of = frozenset(Membership.objects.filter(user=user).values_list("enterprise_id", flat=True))
    is_reviewer = paths is None or bool(paths)
    if not is_reviewer and not member_of:
        raise PermissionDenied(
            _("You act for no enterprise and review no region, so you cannot import data.")
        )
    if paths is None:
        return _Authority(everything=True, role="reviewer")
    return _Authority(
        everything=False,
        role="reviewer" if is_reviewer else "enterprise member",
        member_of=member_of,
        reviewer_paths=paths,
        is_reviewer=is_reviewer,
    )


@dataclass(slots=True)
class _Lookups:
    """Reference data every row is checked against: county-level regions and industry classes."""

    region_levels: dict[str, tuple[str, str]]  # code → (level, path)
    industry_classes: frozenset[str]

    @classmethod
    def load(cls) -> _Lookups:
        return cls(
            region_levels={
                code: (level, path)
                for code, level, path in Region.objects.values_list("code", "level", "path")
            },
            industry_classes=frozenset(IndustryClass.objects.values_list("code", flat=True)),
        )


def _as_code(raw: object, width: int) -> str:
    # A spreadsheet may have turned a code into a number (and dropped the leading zero of 0111).
    if isinstance(raw, int) and not isinstance(raw, bool):
        return str(raw).zfill(width)
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw)).zfill(width)
    return str(raw).strip()


def _check_identity(
    number: int, cells: dict[str, object], lookups: _Lookups, report: ImportReport
) -> tuple[str, str, str, str, int] | None:
    problems_before = report.problem_count
    for column in IDENTITY_FIELDS:
        if is_empty(cells.get(column)):
            report.add(number, column, "", _("is required"))
    if report.problem_count > problems_before:
        return None

    raw_code = cells["credit_code"]
    code = ""
    try:
        code = check_credit_code(str(raw_code))
    except CreditCodeError as error:
        report.add(
            number,
            "credit_code",
            raw_code,
            _("Invalid credit code: %(problem)s.") % {"problem": credit_code_problem(error)},
        )

    name = str(cells["name"]).strip()
    if len(name) > 200:
        report.add(number, "name", name, _("is longer than 200 characters"))

    region_code = _as_code(cells["region_code"], 6)
    region = lookups.region_levels.get(region_code)
    if region is None:
        report.add(number, "region_code", region_code, _("unknown region code (GB/T 2260)"))
    elif region[0] != "county":
        report.add(
            number, "region_code", region_code, _("is not a county-level region: give the county's code")
        )

    industry_code = _as_code(cells["industry_code"], 4)
    if industry_code not in lookups.industry_classes:
        report.add(
            number,
            "industry_code",
            industry_code,
            _("unknown industry class: give a 4-digit class (小类) of GB/T 4754-2017"),
        )

    year = 0
    try:
        year = parse_value(FIELDS_BY_NAME["year"], cells["year"])  # type: ignore[assignment]
    except FilingValueError as error:
        report.add(number, "year", cells["year"], str(error))

    if report.problem_count > problems_before:
        return None
    return code, name, region_code, industry_code, year


def _check_row(
    number: int, cells: dict[str, object], data_columns: list[str], lookups: _Lookups, report: ImportReport
) -> FilingRow | None:
    identity = _check_identity(number, cells, lookups, report)
    problems_before = report.problem_count
    values: dict[str, object | None] = {}
    for column in data_columns:
        raw = cells.get(column)
        try:
            values[column] = parse_value(FIELDS_BY_NAME[column], raw)
        except FilingValueError as error:
            report.add(number, column, raw, str(error))
    if report.problem_count == problems_before:
        for column, message in cross_field_problems(values):
            report.add(number, column, values[column], message)
    if identity is None or report.problem_count > problems_before:
        return None
    code, name, region_code, industry_code, year = identity
    return FilingRow(number, code, name, region_code, industry_code, year, values)


@dataclass(slots=True)
class _Header:
    columns: list[str]  # position → canonical name, "" for a column to skip
    data_columns: list[str]
    usable: bool


def _check_header(cells: tuple[object, ...], report: ImportReport) -> _Header:
    names = [("" if cell is None else str(cell).strip()) for cell in cells]
    while names and names[-1] == "":
        names.pop()
    columns: list[str] = []
    seen: set[str] = set()
    usable = True
    for position, name in enumerate(names, start=1):
        if name == "":
            report.add(HEADER_ROW, _("column %(position)s") % {"position": position}, "", _("has no name"))
            columns.append("")
        elif name not in FIELDS_BY_NAME:
            report.add(HEADER_ROW, name, name, _("unknown column: use the canonical field names"))
            columns.append("")
        elif name in APPLICATION_FIELDS:
            report.add(
                HEADER_ROW, name, name, _("describes an application, not a yearly filing: leave it out")
            )
            columns.append("")
        elif name in seen:
            report.add(HEADER_ROW, name, name, _("this column appears twice"))
            columns.append("")
            usable = False
        else:
            seen.add(name)
            columns.append(name)
    for name in IDENTITY_FIELDS:
        if name not in seen:
            report.add(HEADER_ROW, name, "", _("missing required column"))
            usable = False
    data_columns = [name for name in columns if name in DATA_FIELDS]
    return _Header(columns, data_columns, usable)


def _rows(
    file: BinaryIO, file_name: str, report: ImportReport
) -> tuple[_Header | None, Iterator[tuple[int, dict[str, object]]]]:
    """The header, then each non-empty data row as column → raw cell."""
    table = read_table(file, file_name)
    first = next(table, None)
    if first is None:
        report.add(
            FILE_LEVEL, "", "", _("The file is empty: it needs a header row of canonical column names.")
        )
        return None, iter(())
    header = _check_header(first[1], report)

    def cells() -> Iterator[tuple[int, dict[str, object]]]:
        width = len(header.columns)
        for number, row in table:
            if all(is_empty(cell) for cell in row):
                continue
            for position in range(width, len(row)):
                if not is_empty(row[position]):
                    report.add(
                        number,
                        _("column %(position)s") % {"position": position + 1},
                        row[position],
                        _("a value in a column without a name"),
                    )
            yield (
                number,
                {name: row[i] if i < len(row) else None for i, name in enumerate(header.columns) if name},
            )

    return header, cells()


# The import -------------------------------------------------------------------------------------------------


def import_filings(
    file: BinaryIO,
    file_name: str,
    *,
    by: User | None,
    dry_run: bool = False,
    progress: Progress | None = None,
    comment: str = "",
) -> ImportReport:
    """Check a whole file of annual filings, then, only if every row is good, write it in one transaction.

    Enterprises are matched by credit code and filings by (credit code, year); what exists is updated.
    `by` is the person importing (None: the platform operator at the command line). With `dry_run`, the
    writes are rolled back, so the report says exactly what the import would do. The file must be seekable.
    """
    authority = _authority_of(by)
    report = ImportReport(file_name=file_name, dry_run=dry_run)
    try:
        header = _first_pass(file, file_name, authority, report, progress)
        if not report.ok or header is None or report.rows == 0:
            if report.ok and report.rows == 0:
                report.add(FILE_LEVEL, "", "", _("The file has a header but no rows of data."))
            return report
        _second_pass(file, file_name, header, by, authority, report, progress, comment)
    except ImportFileError as error:
        report.add(FILE_LEVEL, "", "", str(error))
    return report


def _first_pass(
    file: BinaryIO, file_name: str, authority: _Authority, report: ImportReport, progress: Progress | None
) -> _Header | None:
    lookups = _Lookups.load()
    header, rows = _rows(file, file_name, report)
    if header is None or not header.usable:
        return None
    first_row_of_filing: dict[tuple[str, int], int] = {}
    name_of_code: dict[str, tuple[str, int]] = {}
    pending: list[FilingRow] = []
    for number, cells in rows:
        report.rows += 1
        row = _check_row(number, cells, header.data_columns, lookups, report)
        if row is None:
            continue
        earlier = first_row_of_filing.setdefault((row.credit_code, row.year), number)
        if earlier != number:
            report.add(
                number,
                "year",
                row.year,
                _("a second row for this enterprise and year (first at row %(row)s)") % {"row": earlier},
            )
        named = name_of_code.setdefault(row.credit_code, (row.name, number))
        if named[0] != row.name:
            report.add(
                number,
                "name",
                row.name,
                _("this credit code is named “%(name)s” at row %(row)s")
                % {"name": named[0], "row": named[1]},
            )
        if not authority.everything:
            pending.append(row)
            if len(pending) >= BATCH_ROWS:
                _check_authority(pending, authority, lookups, report)
                pending.clear()
        if progress and report.rows % BATCH_ROWS == 0:
            progress("check", report.rows)
    if pending:
        _check_authority(pending, authority, lookups, report)
    if progress:
        progress("check", report.rows)
    return header


def _check_authority(
    rows: list[FilingRow], authority: _Authority, lookups: _Lookups, report: ImportReport
) -> None:
    existing = {
        code: (pk, path, (name, region_code, industry_code))
        for code, pk, path, name, region_code, industry_code in Enterprise.objects.filter(
            credit_code__in={row.credit_code for row in rows}
        ).values_list("credit_code", "pk", "region__path", "name", "region_id", "industry_id")
    }
    for row in rows:
        stored = existing.get(row.credit_code)
        new_path = lookups.region_levels[row.region_code][1]
        refusal = authority.refusal(stored[:2] if stored else None, new_path)
        if refusal:
            report.add(row.number, "credit_code", row.credit_code, refusal)
        elif stored is not None and not authority.may_change_identity(stored[1], new_path):
            _check_identity_unchanged(row, stored[2], report)


def _check_identity_unchanged(row: FilingRow, stored: tuple[str, str, str], report: ImportReport) -> None:
    """A member's row must repeat the registered identity: each column that differs is a row error (F1)."""
    for column, registered, given in zip(
        ("name", "region_code", "industry_code"),
        stored,
        (row.name, row.region_code, row.industry_code),
        strict=True,
    ):
        if registered != given:
            report.add(
                row.number,
                column,
                given,
                _(
                    "differs from the registered %(column)s “%(registered)s”: an enterprise's registered "
                    "identity is changed by a reviewer of its region, not by a data import of its members"
                )
                % {"column": column, "registered": registered},
            )


class _Rollback(Exception):
    """Leave the transaction without writing (a dry run, or a row that conflicts with stored data)."""


def _second_pass(
    file: BinaryIO,
    file_name: str,
    header: _Header,
    by: User | None,
    authority: _Authority,
    report: ImportReport,
    progress: Progress | None,
    comment: str,
) -> None:
    lookups = _Lookups.load()
    silent = ImportReport(file_name=file_name)
    reason = f"import {file_name}"[:100]
    touched: set[int] = set()
    try:
        with transaction.atomic():
            _, rows = _rows(file, file_name, silent)
            batch: list[FilingRow] = []
            done = 0
            for number, cells in rows:
                row = _check_row(number, cells, header.data_columns, lookups, silent)
                if row is None:  # the file changed between the passes
                    raise ImportFileError(_("The file changed while it was being imported; try again."))
                batch.append(row)
                if len(batch) >= BATCH_ROWS:
                    _write_batch(batch, header.data_columns, by, reason, report, touched)
                    done += len(batch)
                    batch.clear()
                    if progress:
                        progress("write", done)
            if batch:
                _write_batch(batch, header.data_columns, by, reason, report, touched)
                done += len(batch)
            if progress:
                progress("write", done)
            if not report.ok:
                raise _Rollback
            report.enterprise_ids = sorted(touched)
            if report.dry_run:
                raise _Rollback
            record = DataImport.objects.create(
                file_name=file_name[:255],
                actor=by,
                role=authority.role,
                rows=report.rows,
                enterprises_created=report.enterprises_created,
                enterprises_updated=report.enterprises_updated,
                filings_created=report.filings_created,
                filings_updated=report.filings_updated,
                comment=comment,
            )
            report.data_import_id = record.pk
    except _Rollback:
        if not report.ok:
            _forget_counts(report)


def _forget_counts(report: ImportReport) -> None:
    report.enterprises_created = report.enterprises_updated = report.enterprises_unchanged = 0
    report.filings_created = report.filings_updated = report.filings_unchanged = 0
    report.enterprise_ids = []


def _write_batch(
    rows: list[FilingRow],
    data_columns: list[str],
    by: User | None,
    reason: str,
    report: ImportReport,
    touched: set[int],
) -> None:
    now = timezone.now()
    codes = {row.credit_code for row in rows}
    stored = Enterprise.objects.in_bulk(codes, field_name="credit_code")
    new: dict[str, Enterprise] = {}
    changed: dict[str, Enterprise] = {}
    for row in rows:
        enterprise = stored.get(row.credit_code) or new.get(row.credit_code)
        identity = (row.name, row.region_code, row.industry_code)
        if enterprise is None:
            new[row.credit_code] = Enterprise(
                credit_code=row.credit_code,
                name=row.name,
                region_id=row.region_code,
                industry_id=row.industry_code,
            )
        elif (enterprise.name, enterprise.region_id, enterprise.industry_id) != identity:
            enterprise.name, enterprise.region_id, enterprise.industry_id = identity
            enterprise.updated_at = now
            if enterprise.pk:
                changed[row.credit_code] = enterprise
    if new:
        created = Enterprise.objects.bulk_create(list(new.values()))
        _keep_history(Enterprise, [enterprise.pk for enterprise in created], "+", by, reason, now)
        report.enterprises_created += len(new)
    if changed:
        Enterprise.objects.bulk_update(list(changed.values()), ["name", "region", "industry", "updated_at"])
        _keep_history(Enterprise, [enterprise.pk for enterprise in changed.values()], "~", by, reason, now)
        report.enterprises_updated += len(changed)
    report.enterprises_unchanged += len(codes) - len(new) - len(changed)
    flag_possible_duplicates(
        (enterprise.region_id, enterprise.name) for enterprise in [*new.values(), *changed.values()]
    )

    enterprise_ids = {
        code: pk
        for code, pk in Enterprise.objects.filter(credit_code__in=codes).values_list("credit_code", "pk")
    }
    # The report links to the first enterprises only: keeping every id would grow with the file.
    for enterprise_id in enterprise_ids.values():
        if len(touched) >= REPORTED_ENTERPRISES:
            break
        touched.add(enterprise_id)
    # Stored filings as plain values, not model instances: building 1,000 instances of 50 fields per batch
    # cost more than the database work.
    current: dict[tuple[int, int], tuple[int, dict[str, object | None]]] = {}
    for pk, enterprise_id, year, *values in AnnualFiling.objects.filter(
        enterprise_id__in=enterprise_ids.values(), year__in={row.year for row in rows}
    ).values_list("pk", "enterprise_id", "year", *DATA_FIELDS):
        current[(enterprise_id, year)] = (pk, dict(zip(DATA_FIELDS, values, strict=True)))
    to_create: list[tuple[int, FilingRow]] = []
    to_update: list[tuple[int, FilingRow]] = []
    for row in rows:
        enterprise_id = enterprise_ids[row.credit_code]
        found = current.get((enterprise_id, row.year))
        if found is None:
            to_create.append((enterprise_id, row))
            continue
        pk, stored_values = found
        if all(stored_values[name] == value for name, value in row.values.items()):
            report.filings_unchanged += 1
            continue
        # Columns the file leaves out keep their stored values, which the new ones must still agree with.
        merged = {**stored_values, **row.values}
        for column, message in cross_field_problems(merged):
            report.add(row.number, column, merged[column], message)
        to_update.append((pk, row))
    if not report.ok:
        return
    if to_create:
        created_ids = _insert_filings(to_create, now)
        _keep_history(AnnualFiling, created_ids, "+", by, reason, now)
        report.filings_created += len(to_create)
    if to_update:
        _update_filings(to_update, data_columns, now)
        _keep_history(AnnualFiling, [pk for pk, _row in to_update], "~", by, reason, now)
        report.filings_updated += len(to_update)
    if changed or to_create or to_update:
        register_changed.send(sender=AnnualFiling, enterprise_ids=set(enterprise_ids.values()))


# Writing filings and their history with plain SQL: the ORM's bulk_create and bulk_update compile every one
# of the ~50 values of every row through the field machinery, which made them most of the import's time. The
# values written are those the ORM would write (parse_value gives int, Decimal, bool, str or None, which both
# SQLite and PostgreSQL drivers take as they are); the database's constraints still check every row.


def _insert_filings(rows: list[tuple[int, FilingRow]], now: datetime) -> list[int]:
    """Insert new filings in one statement batch and return their ids."""
    table = AnnualFiling._meta.db_table
    quote = connection.ops.quote_name
    columns = ["enterprise_id", "year", *DATA_FIELDS, "created_at", "updated_at"]
    stamp = connection.ops.adapt_datetimefield_value(now)
    defaults = {name: AnnualFiling._meta.get_field(name).get_default() for name in DATA_FIELDS}
    params = [
        (
            enterprise_id,
            row.year,
            *[row.values.get(name, defaults[name]) for name in DATA_FIELDS],
            stamp,
            stamp,
        )
        for enterprise_id, row in rows
    ]
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(table), ", ".join(quote(column) for column in columns), ", ".join(["%s"] * len(columns))
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)
    keys = {(enterprise_id, row.year) for enterprise_id, row in rows}
    return [
        pk
        for pk, enterprise_id, year in AnnualFiling.objects.filter(
            enterprise_id__in={enterprise_id for enterprise_id, _row in rows},
            year__in={row.year for _enterprise_id, row in rows},
        ).values_list("pk", "enterprise_id", "year")
        if (enterprise_id, year) in keys
    ]


def _update_filings(rows: list[tuple[int, FilingRow]], data_columns: list[str], now: datetime) -> None:
    """Overwrite the file's columns of existing filings; the columns it leaves out keep their values."""
    quote = connection.ops.quote_name
    stamp = connection.ops.adapt_datetimefield_value(now)
    sql = "UPDATE {} SET {} WHERE {} = %s".format(
        quote(AnnualFiling._meta.db_table),
        ", ".join(f"{quote(column)} = %s" for column in [*data_columns, "updated_at"]),
        quote("id"),
    )
    params = [(*[row.values[name] for name in data_columns], stamp, pk) for pk, row in rows]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


# SQLite before 3.32 accepts 999 parameters in a statement.
HISTORY_CHUNK = 900


def _keep_history(
    model: type[Enterprise] | type[AnnualFiling],
    pks: list[int],
    history_type: str,
    by: User | None,
    reason: str,
    now: datetime,
) -> None:
    """One history row (django-simple-history) per written row, copied by the database from the row itself.

    The same rows `bulk_create_with_history` would write, in one INSERT … SELECT per chunk instead of
    a history model instance per row.
    """
    if not pks or not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return
    history = model.history.model  # type: ignore[attr-defined]
    quote = connection.ops.quote_name
    tracked = {field.attname: field.column for field in history.tracked_fields}
    stamped = {
        "history_date": connection.ops.adapt_datetimefield_value(now),
        "history_change_reason": reason,
        "history_type": history_type,
        "history_user_id": by.pk if by is not None else None,
    }
    targets: list[str] = []
    sources: list[str] = []
    stamps: list[object] = []
    for history_field in history._meta.concrete_fields:
        if history_field.attname in tracked:
            targets.append(quote(history_field.column))
            sources.append(quote(tracked[history_field.attname]))
        elif history_field.attname in stamped:
            targets.append(quote(history_field.column))
            sources.append("%s")
            stamps.append(stamped[history_field.attname])
        elif not history_field.primary_key:
            raise ImproperlyConfigured(
                f"{history.__name__}.{history_field.attname}: the import does not fill it"
            )
    for start in range(0, len(pks), HISTORY_CHUNK):
        chunk = pks[start : start + HISTORY_CHUNK]
        sql = "INSERT INTO {} ({}) SELECT {} FROM {} WHERE {} IN ({})".format(
            quote(history._meta.db_table),
            ", ".join(targets),
            ", ".join(sources),
            quote(model._meta.db_table),
            quote(model._meta.pk.column),
            ", ".join(["%s"] * len(chunk)),
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*stamps, *chunk])


__all__ = [
    "BATCH_ROWS",
    "FilingRow",
    "ImportFileError",
    "ImportProblem",
    "ImportReport",
    "file_kind",
    "import_filings",
    "import_refusal",
    "read_table",
]
