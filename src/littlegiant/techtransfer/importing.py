"""Importing patent listings from CSV or XLSX: every row is checked first, and nothing is written unless all
pass.

Columns (first row, English names as below or the Chinese headings of the template): application_number,
publication_number, title, abstract, ipc_codes, legal_status, expires_on (YYYY-MM-DD), maturity, industries
(GB/T 4754 division codes, separated by spaces), problem, benefit, applications, exclusive (yes/no),
free_months, royalty_basis (net_sales / profit / fixed_fee), royalty_rate, annual_fee, annual_cap, territory.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, BinaryIO

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from littlegiant.reference.models import IndustryDivision
from littlegiant.techtransfer.models import ListingStatus, PatentListing, ResearchInstitution
from littlegiant.techtransfer.permissions import ensure, institution_decision
from littlegiant.techtransfer.search import index_listings
from littlegiant.techtransfer.services import LISTING_FIELDS, record_event, tally_listing
from littlegiant.upload_limits import check_sheet_rows, check_workbook

if TYPE_CHECKING:
    from littlegiant.accounts.models import User

MAX_ROWS = 5000
COLUMNS = (*LISTING_FIELDS, "industries")
CHINESE_HEADINGS = {
    "申请号": "application_number",
    "公开号": "publication_number",
    "名称": "title",
    "摘要": "abstract",
    "IPC分类号": "ipc_codes",
    "法律状态": "legal_status",
    "到期日": "expires_on",
    "成熟度": "maturity",
    "所属行业": "industries",
    "解决的问题": "problem",
    "技术优势": "benefit",
    "应用领域": "applications",
    "独占许可": "exclusive",
    "免费期（月）": "free_months",
    "付费方式": "royalty_basis",
    "提成比例（%）": "royalty_rate",
    "年费（元）": "annual_fee",
    "年度上限（元）": "annual_cap",
    "许可地域": "territory",
}
TRUE_WORDS = {"yes", "true", "1", "是", "y"}
FALSE_WORDS = {"no", "false", "0", "否", "n", ""}


def _must_fill(name: str) -> bool:
    """A column a row must fill: a listing field that may not be blank and has no default (the model says which,
    so there is no second list to keep in step)."""
    listing_field = PatentListing._meta.get_field(name)
    return not (listing_field.blank or listing_field.has_default())


REQUIRED = tuple(filter(_must_fill, LISTING_FIELDS))
# The columns taken as written (trimmed): the listing's text fields.
TEXT_COLUMNS = tuple(
    name
    for name in LISTING_FIELDS
    if PatentListing._meta.get_field(name).get_internal_type() in ("CharField", "TextField")
)


@dataclass(frozen=True, slots=True)
class ImportProblem:
    """One thing wrong in the file: the row (1 is the heading), the column and why."""

    row: int
    column: str
    problem: str


@dataclass(slots=True)
class ListingImportReport:
    """What an import found and, if the file was good, how many listings it wrote."""

    rows: int = 0
    created: int = 0
    problems: list[ImportProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _rows(upload: BinaryIO, filename: str) -> list[dict[str, str]]:
    if filename.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        check_workbook(upload)  # UploadRefused before openpyxl unpacks a byte (security review F5)
        sheet = load_workbook(upload, read_only=True, data_only=True).active
        values = []
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            check_sheet_rows(number)
            values.append(["" if cell is None else cell for cell in row])
    else:
        text = upload.read().decode("utf-8-sig")
        values = list(csv.reader(io.StringIO(text)))
    if not values:
        return []
    header = [CHINESE_HEADINGS.get(str(name).strip(), str(name).strip()) for name in values[0]]
    return [dict(zip(header, row, strict=False)) for row in values[1:] if any(str(v).strip() for v in row)]


def _text(value: object) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def _values(row: dict[str, object]) -> tuple[dict[str, object], list[str], list[tuple[str, str]]]:
    values: dict[str, object] = {}
    problems: list[tuple[str, str]] = []
    for name in REQUIRED:
        if not _text(row.get(name, "")):
            problems.append((name, _("This column is required.")))
    for name in TEXT_COLUMNS:
        if name in row:
            values[name] = _text(row[name])
    if not values.get("territory"):
        values["territory"] = "中国大陆"
    try:
        values["expires_on"] = date.fromisoformat(_text(row.get("expires_on", "")))
    except ValueError:
        problems.append(("expires_on", _("Write the date as YYYY-MM-DD.")))
    exclusive = _text(row.get("exclusive", "")).lower()
    if exclusive in TRUE_WORDS | FALSE_WORDS:
        values["exclusive"] = exclusive in TRUE_WORDS
    else:
        problems.append(("exclusive", _("Write yes or no.")))
    months = _text(row.get("free_months", "")) or "12"
    if months.isdigit():
        values["free_months"] = int(months)
    else:
        problems.append(("free_months", _("Write a whole number of months.")))
    for name in ("royalty_rate", "annual_fee", "annual_cap"):
        raw = _text(row.get(name, ""))
        if not raw:
            values[name] = None
            continue
        try:
            values[name] = Decimal(raw.replace(",", ""))
        except InvalidOperation:
            problems.append((name, _("Write a number.")))
    industries = _text(row.get("industries", "")).replace(",", " ").replace("，", " ").split()
    return values, industries, problems


def import_listings(
    upload: BinaryIO, filename: str, *, institution: ResearchInstitution, by: User, publish: bool = True
) -> ListingImportReport:
    """Check every row of a listings file and, only if all pass, create the listings (published) in one go."""
    ensure(institution_decision(by, institution))
    report = ListingImportReport()
    try:
        rows = _rows(upload, filename)
    except (UnicodeDecodeError, csv.Error, OSError, ValueError) as error:
        report.problems.append(
            ImportProblem(
                0, "", _("The file cannot be read as CSV (UTF-8) or XLSX: %(error)s") % {"error": error}
            )
        )
        return report
    report.rows = len(rows)
    if not rows:
        report.problems.append(ImportProblem(0, "", _("The file has no rows under its heading.")))
        return report
    if len(rows) > MAX_ROWS:
        report.problems.append(
            ImportProblem(0, "", _("A file holds at most %(max)s listings.") % {"max": MAX_ROWS})
        )
        return report
    known_divisions = set(IndustryDivision.objects.values_list("code", flat=True))
    taken = set(PatentListing.objects.values_list("application_number", flat=True))
    seen: dict[str, int] = {}
    prepared: list[tuple[PatentListing, list[str]]] = []
    for number, row in enumerate(rows, start=2):
        values, industries, problems = _values(row)
        for column, problem in problems:
            report.problems.append(ImportProblem(number, column, problem))
        for code in industries:
            if code not in known_divisions:
                report.problems.append(
                    ImportProblem(
                        number, "industries", _("%(code)s is not a GB/T 4754 division code.") % {"code": code}
                    )
                )
        listing = PatentListing(institution=institution, created_by=by, **values)
        try:
            listing.clean()
            listing.clean_fields(exclude=["institution", "created_by"])
        except ValidationError as error:
            for column, messages in error.message_dict.items():
                if not any(column == known for known, _p in problems):
                    report.problems.extend(ImportProblem(number, column, message) for message in messages)
        if listing.application_number in taken:
            report.problems.append(
                ImportProblem(number, "application_number", _("This patent is already listed."))
            )
        elif listing.application_number in seen:
            report.problems.append(
                ImportProblem(
                    number,
                    "application_number",
                    _("Same patent as row %(row)s.") % {"row": seen[listing.application_number]},
                )
            )
        seen.setdefault(listing.application_number, number)
        prepared.append((listing, industries))
    if report.problems:
        return report
    with transaction.atomic():
        for listing, _industries in prepared:
            if publish:
                listing.status = ListingStatus.PUBLISHED
                listing.published_at = timezone.now()
        created = PatentListing.objects.bulk_create([listing for listing, _i in prepared])
        through = PatentListing.industries.through
        through.objects.bulk_create(
            [
                through(patentlisting_id=listing.pk, industrydivision_id=code)
                for listing, (_l, industries) in zip(created, prepared, strict=True)
                for code in industries
            ]
        )
        index_listings(created)
        for listing in created:
            record_event(listing, actor=by, role="transfer_officer", action="import", to_state=listing.status)
            tally_listing(listing, "")
    report.created = len(created)
    return report
