"""The enterprise register over HTTP: list, profile with filings, filing upsert, file import and export.

The same services and checks as the web pages; every call starts from `Enterprise.objects.for_user(user)`.
"""

from decimal import Decimal
from typing import Any, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile
from ninja.pagination import paginate
from pydantic import ConfigDict, Field, create_model

from littlegiant.api_errors import ErrorOut, error_body
from littlegiant.enterprises.exporting import export_rows, filings_download
from littlegiant.enterprises.filing_values import parse_filing_values
from littlegiant.enterprises.importing import import_filings, import_refusal
from littlegiant.enterprises.models import AnnualFiling, Enterprise
from littlegiant.enterprises.services import filing_edit_refusal, save_filing
from littlegiant.pagination import BoundedCursorPagination
from littlegiant.rules.schema import DATA_FIELDS, FIELDS_BY_NAME, FieldKind
from littlegiant.upload_limits import size_refusal

router = Router()

_PYTHON_TYPES: dict[FieldKind, Any] = {
    FieldKind.BOOLEAN: bool,
    FieldKind.ENUM: str,
    FieldKind.COUNT: int,
    FieldKind.INTEGER: int,
    FieldKind.MONEY: Decimal,
    FieldKind.FRACTION: Decimal,
    FieldKind.NUMBER: Decimal,
    FieldKind.TEXT: str,
}


def _describe(name: str) -> str:
    field = FIELDS_BY_NAME[name]
    extra = f" One of: {', '.join(field.choices)}." if field.choices else ""
    return f"{field.label_en} ({field.label_zh}); {field.kind.value}; null is unknown.{extra}"


# One year's data: every canonical field, null when unknown. Decimals travel as strings, so money stays exact.
FilingValuesOut = create_model(
    "FilingValuesOut",
    year=(int, ...),
    **{
        name: (_PYTHON_TYPES[FIELDS_BY_NAME[name].kind] | None, Field(None, description=_describe(name)))
        for name in DATA_FIELDS
    },
)
# A change to one year's data: the fields sent are set (null: unknown); fields left out keep their values.
# Values may be JSON numbers, booleans or strings ("12.50", "是"): they are read exactly as in an import file.
FilingValuesIn = create_model(
    "FilingValuesIn",
    __config__=ConfigDict(extra="forbid"),
    **{name: (Any, Field(None, description=_describe(name))) for name in DATA_FIELDS},
)


class EnterpriseOut(Schema):
    id: int
    credit_code: str
    name: str
    region_code: str = Field(validation_alias="region_id")
    industry_code: str = Field(validation_alias="industry_id")
    possible_duplicate: bool


class EnterpriseDetailOut(EnterpriseOut):
    region_name: str
    industry_name: str
    filings: list[FilingValuesOut]  # type: ignore[valid-type]


class EnterpriseFilters(Schema):
    q: str = Field("", description="Part of the name, or the start of the credit code.")
    region: str = Field("", description="A region code: enterprises inside it (county, city or province).")
    industry: str = Field("", description="Start of a GB/T 4754-2017 code: division (2 digits) or class.")
    possible_duplicate: bool = False


class ProblemOut(Schema):
    row: int
    column: str
    value: str
    problem: str


class ImportReportOut(Schema):
    file_name: str
    dry_run: bool
    ok: bool
    rows: int
    problem_count: int
    problems: list[ProblemOut]
    enterprises_created: int
    enterprises_updated: int
    filings_created: int
    filings_updated: int
    data_import_id: int | None


def _filing_out(filing: AnnualFiling) -> dict[str, object]:
    return {"year": filing.year, **{name: getattr(filing, name) for name in DATA_FIELDS}}


@router.get("/", response=list[EnterpriseOut], summary="Enterprises you may see")
@paginate(BoundedCursorPagination, ordering=("credit_code",))
def list_enterprises(request: HttpRequest, filters: Query[EnterpriseFilters]):
    """Filtered, ordered by credit code, a page at a time (cursor pagination: the table is never counted)."""
    return Enterprise.objects.for_user(request.user).matching(
        text=filters.q,
        region_code=filters.region,
        industry_code=filters.industry,
        possible_duplicate=filters.possible_duplicate,
    )


@router.get("/export", summary="Export filings as CSV or XLSX")
def export_file(
    request: HttpRequest, format: Literal["csv", "xlsx"] = "csv", year: int | None = None, region: str = ""
) -> HttpResponse:
    """The filings you may see, in the import format (canonical columns)."""
    rows = export_rows(request.user, year=year, region_code=region or None)
    return filings_download(rows, year=year, file_format=format)


@router.post(
    "/import",
    response={200: ImportReportOut, 413: ErrorOut},
    summary="Import a data file",
)
def import_file(request: HttpRequest, file: File[UploadedFile], dry_run: Form[bool] = False):
    """Import a CSV or XLSX file of annual filings: all rows, or none and a report naming every bad row."""
    refusal = import_refusal(request.user)
    if refusal:
        raise PermissionDenied(refusal)
    too_large = size_refusal(file.size)
    if too_large:
        raise HttpError(413, too_large)
    report = import_filings(file.file, file.name or "upload.csv", by=request.user, dry_run=dry_run)
    if report.ok:
        return Status(200, report.as_dict())
    # The error body, naming each bad cell as "row N · column", with the whole report beside it.
    errors = [(f"row {problem.row} · {problem.column}", problem.problem) for problem in report.problems]
    detail = _("Nothing was imported: the file has %(count)s problems.") % {"count": report.problem_count}
    return JsonResponse({**report.as_dict(), **error_body(detail, errors)}, status=422)


@router.get("/{pk}", response=EnterpriseDetailOut, summary="An enterprise with all its filings")
def enterprise_detail(request: HttpRequest, pk: int):
    enterprise = get_object_or_404(
        Enterprise.objects.for_user(request.user).select_related("region", "industry"), pk=pk
    )
    return {
        "id": enterprise.pk,
        "credit_code": enterprise.credit_code,
        "name": enterprise.name,
        "region_id": enterprise.region_id,
        "industry_id": enterprise.industry_id,
        "possible_duplicate": enterprise.possible_duplicate,
        "region_name": enterprise.region.name,
        "industry_name": enterprise.industry.name,
        "filings": [_filing_out(filing) for filing in enterprise.filings.order_by("-year")],
    }


@router.put(
    "/{pk}/filings/{year}",
    response={200: FilingValuesOut, 201: FilingValuesOut},
    summary="Create or change one year's data",
)
def upsert_filing(request: HttpRequest, pk: int, year: int, values: FilingValuesIn):  # type: ignore[valid-type]
    """The same checks as an import; errors name each field. Fields left out keep their stored values."""
    enterprise = get_object_or_404(Enterprise.objects.for_user(request.user), pk=pk)
    # Refuse before reading the values: seeing an enterprise is not a right to make the server parse for it.
    refusal = filing_edit_refusal(request.user, enterprise)
    if refusal:
        raise PermissionDenied(refusal)
    sent = values.model_dump(include=values.model_fields_set)  # type: ignore[attr-defined]
    parsed, problems = parse_filing_values(sent)
    if problems:
        raise ValidationError(problems)
    filing, created = save_filing(enterprise, year, parsed, by=request.user, comment="API")
    return Status(201 if created else 200, _filing_out(filing))
