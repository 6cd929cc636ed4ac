"""Enterprise pages: the list, a profile, uploading and exporting data files, editing a filing."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from littlegiant.accounts.jurisdiction import is_administrator, reviewer_region_paths
from littlegiant.enterprises.exporting import export_rows, filings_download
from littlegiant.enterprises.forms import SORTS, EnterpriseFilterForm, ExportForm, FilingForm, UploadForm
from littlegiant.enterprises.importing import import_filings, import_refusal
from littlegiant.enterprises.labels import display_value, field_label, fields_by_group
from littlegiant.enterprises.models import AnnualFiling, Enterprise, EnterpriseQuerySet
from littlegiant.enterprises.services import filing_edit_refusal, save_filing
from littlegiant.pagination import page_of
from littlegiant.rules.schema import DATA_FIELDS


def filter_enterprises(queryset: EnterpriseQuerySet, form: EnterpriseFilterForm) -> EnterpriseQuerySet:
    """Apply the list filters and the chosen order; the form must be valid."""
    data = form.cleaned_data
    queryset = queryset.matching(
        text=data.get("q") or "",
        region_code=data.get("region") or "",
        industry_code=data.get("industry") or "",
        possible_duplicate=bool(data.get("possible_duplicate")),
    )
    return queryset.order_by(*SORTS.get(data.get("sort") or "name", SORTS["name"]))


def _lands_on_own_profile(request: HttpRequest) -> int | None:
    """The enterprise of a person who only acts for one enterprise (and reviews nothing): their list is it."""
    user = request.user
    if is_administrator(user) or reviewer_region_paths(user) != []:
        return None
    ids = list(user.memberships.values_list("enterprise_id", flat=True)[:2])  # type: ignore[union-attr]
    return ids[0] if len(ids) == 1 else None


@login_required
@require_GET
def enterprise_list(request: HttpRequest) -> HttpResponse:
    """Enterprises the person may see, filtered, sorted, a page at a time (the table is never counted)."""
    form = EnterpriseFilterForm(request.GET)
    if not request.GET and (own := _lands_on_own_profile(request)):
        return redirect("enterprises:detail", pk=own)
    enterprises = Enterprise.objects.none()
    if form.is_valid():
        enterprises = filter_enterprises(Enterprise.objects.for_user(request.user), form)
    page = page_of(enterprises.select_related("region", "industry"), request)
    return render(
        request,
        "enterprises/list.html",
        {
            "form": form,
            "enterprises": page.rows,
            "page": page,
            "export_form": ExportForm(initial={"region": request.GET.get("region", "")}),
            "can_import": import_refusal(request.user) is None,
        },
    )


@login_required
@require_GET
def enterprise_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An enterprise's profile: identity and every year's data, grouped and labelled as in the schema."""
    enterprise = get_object_or_404(
        Enterprise.objects.for_user(request.user).select_related(
            "region", "industry__division", "industry__group"
        ),
        pk=pk,
    )
    filings = list(enterprise.filings.order_by("-year"))
    groups = [
        {
            "title": title,
            "rows": [
                {
                    "name": field.name,
                    "label": field_label(field),
                    "cells": [display_value(field, getattr(filing, field.name)) for filing in filings],
                }
                for field in fields
            ],
        }
        for _group, title, fields in fields_by_group()
    ]
    can_edit = filing_edit_refusal(request.user, enterprise) is None
    last_year = date.today().year - 1
    return render(
        request,
        "enterprises/detail.html",
        {
            "enterprise": enterprise,
            "region_chain": enterprise.region.ancestors(),
            "filings": filings,
            "groups": groups,
            "can_edit": can_edit,
            "can_import": import_refusal(request.user) is None,
            "new_year": last_year if last_year not in {f.year for f in filings} else None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    """Upload a CSV or XLSX file of annual filings: a full error report, or what was created and updated."""
    refusal = import_refusal(request.user)
    if refusal:
        raise PermissionDenied(refusal)
    report = None
    enterprises: list[Enterprise] = []
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        report = import_filings(
            upload_file.file,
            upload_file.name,
            by=request.user,
            dry_run=form.cleaned_data["dry_run"],
            comment=form.cleaned_data["comment"],
        )
        if report.ok:
            enterprises = list(
                Enterprise.objects.for_user(request.user)
                .filter(pk__in=report.enterprise_ids)
                .order_by("name")[:20]
            )
    status = 422 if report is not None and not report.ok else 200
    return render(
        request,
        "enterprises/upload.html",
        {"form": form, "report": report, "enterprises": enterprises},
        status=status,
    )


@login_required
@require_GET
def export(request: HttpRequest) -> HttpResponse:
    """Download the filings the person may see as CSV or XLSX, in the import format."""
    form = ExportForm(request.GET)
    if not form.is_valid():
        return render(request, "enterprises/export_error.html", {"form": form}, status=400)
    file_format = form.cleaned_data["format"]
    year = form.cleaned_data.get("year")
    try:
        rows = export_rows(request.user, year=year, region_code=form.cleaned_data.get("region") or None)
    except ValidationError as error:
        for field, problems in error.message_dict.items():
            form.add_error(field if field in form.fields else None, problems)
        return render(request, "enterprises/export_error.html", {"form": form}, status=400)
    return filings_download(rows, year=year, file_format=file_format)


@login_required
@require_http_methods(["GET", "POST"])
def filing_edit(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    """Edit one year's data (owner, delegate, contributor or administrator); history keeps each change."""
    enterprise = get_object_or_404(Enterprise.objects.for_user(request.user).select_related("region"), pk=pk)
    refusal = filing_edit_refusal(request.user, enterprise)
    if refusal:
        raise PermissionDenied(refusal)
    filing = AnnualFiling.objects.filter(enterprise=enterprise, year=year).first()
    initial = {name: getattr(filing, name) for name in DATA_FIELDS} if filing else {}
    form = FilingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            _saved, created = save_filing(
                enterprise, year, form.filing_values(), by=request.user, comment=form.cleaned_data["comment"]
            )
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                form.add_error(field if field in form.fields else None, problems)
        else:
            messages.success(
                request,
                (_("Data for %(year)s added.") if created else _("Data for %(year)s saved."))
                % {"year": year},
            )
            # Back to where the edit was asked for (the self-assessment's gap links), if that is this site.
            back = request.GET.get("next") or ""
            if back and url_has_allowed_host_and_scheme(
                back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
            ):
                return redirect(back)
            return redirect(f"{reverse('enterprises:detail', args=[enterprise.pk])}#year-{year}")
    return render(
        request,
        "enterprises/filing_form.html",
        {"enterprise": enterprise, "year": year, "filing": filing, "form": form},
    )
