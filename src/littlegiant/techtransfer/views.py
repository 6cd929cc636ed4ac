"""Pages of technology transfer: thin views that fetch through `for_user()`, check, call a service and
render."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch, Q, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from littlegiant import pagination
from littlegiant.accounts.addresses import client_address
from littlegiant.accounts.jurisdiction import within_region
from littlegiant.enterprises.models import Enterprise
from littlegiant.reference.models import Region
from littlegiant.techtransfer import forms, services
from littlegiant.techtransfer.importing import import_listings
from littlegiant.techtransfer.models import (
    OPEN_LICENSING_FIXED_FEE_CAP,
    OPEN_LICENSING_PROFIT_CAP_PERCENT,
    OPEN_LICENSING_SALES_CAP_PERCENT,
    Enquiry,
    Licence,
    LicenceStatus,
    LicenceText,
    ListingStatus,
    PatentListing,
    ResearchInstitution,
    Statement,
)
from littlegiant.techtransfer.permissions import (
    institution_decision,
    is_officer_of,
    licence_decision,
)
from littlegiant.techtransfer.reports import (
    feedback_summary,
    institutions_for,
    recommended_for,
    transfer_report,
)
from littlegiant.techtransfer.royalties import to_fen
from littlegiant.techtransfer.search import SearchFilters, search

PAGE_SIZE = 20


def _today() -> date:
    return timezone.localdate()


def _errors(form: django_forms.Form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, messages_ in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages_)
    else:
        form.add_error(None, error.messages)


def _post_form(
    request: HttpRequest,
    form: django_forms.Form,
    call: Callable[[dict[str, Any]], object],
    *,
    done: str,
    invalid: str,
) -> None:
    """Run a service call on a posted form's cleaned data; its refusal, or `invalid`, becomes the message."""
    if not form.is_valid():
        messages.error(request, invalid)
        return
    try:
        call(form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)


def _click(request: HttpRequest, version: str):
    text = get_object_or_404(LicenceText, version=version)
    return services.ClickThrough(
        licence_text=text,
        ip_address=client_address(request),
        user_agent=request.META.get("HTTP_USER_AGENT", ""),
    )


def _officer_institutions(user) -> Any:
    if not user.is_authenticated:
        return ResearchInstitution.objects.none()
    return ResearchInstitution.objects.filter(officers__user=user).order_by("name")


def search_page(request: HttpRequest) -> HttpResponse:
    """Find patents to license: full-text search in Chinese and English with filters (public)."""
    form = forms.SearchForm(request.GET or None)
    number = pagination.page_number(request.GET.get("page"))
    hits, has_next, newest = [], False, None
    if form.is_valid():
        data = form.cleaned_data
        filters = SearchFilters(
            ipc=data["ipc"].strip(),
            industry=data["industry"],
            institution=data["institution"],
            region_path=data["region"],
            royalty_basis=data["royalty_basis"],
            exclusive={"yes": True, "no": False}.get(data["exclusive"]),
        )
        if data["q"].strip():
            result = search(data["q"], filters=filters, page=number, page_size=PAGE_SIZE)
            hits, has_next = result.hits, result.has_next
        else:
            page = pagination.page_of(
                PatentListing.objects.published()
                .filter(filters.condition())
                .select_related("institution")
                .order_by("-published_at", "-pk"),
                request,
                size=PAGE_SIZE,
                number=number,
            )
            newest, has_next = page.rows, page.has_next
    context = {
        "form": form,
        "hits": hits,
        "newest": newest,
        "pager": pagination.Page(
            rows=[], number=number, has_next=has_next, query=pagination.other_parameters(request.GET, "page")
        ),
        "officer_institutions": _officer_institutions(request.user),
    }
    template = "techtransfer/search.html#results" if request.htmx else "techtransfer/search.html"
    return render(request, template, context)


def listing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A listing's brief and terms, with what the viewer may do: enquire, pass, accept, or manage as its
    officer."""
    listing = get_object_or_404(
        PatentListing.objects.for_user(request.user)
        .select_related("institution__region")
        .prefetch_related("industries"),
        pk=pk,
    )
    user = request.user
    officer = is_officer_of(user, listing.institution)
    context: dict[str, Any] = {
        "listing": listing,
        "officer": officer,
        "caps": _caps(),
        "licence_text": LicenceText.current(_today()),
    }
    if user.is_authenticated and user.memberships.exists():
        context["enquiry_form"] = forms.EnquiryForm(user=user)
        context["feedback_form"] = forms.FeedbackForm(user=user)
        context["my_enquiries"] = (
            Enquiry.objects.for_user(user)
            .filter(listing=listing, enterprise__memberships__user=user)
            .select_related("enterprise")
        )
        context["my_licences"] = Licence.objects.filter(listing=listing, enterprise__memberships__user=user)
    if officer:
        context["enquiries"] = listing.enquiries.select_related("enterprise", "asked_by").order_by(
            "-asked_at"
        )
        context["answer_form"] = forms.AnswerForm()
        context["variation_form"] = forms.VariationForm(listing=listing)
        context["licences"] = listing.licences.select_related("enterprise").order_by("-created_at")
        context["feedback"] = listing.feedback.select_related("enterprise").order_by("-given_at")
    return render(request, "techtransfer/listing_detail.html", context)


def _caps() -> dict[str, object]:
    return {
        "sales": OPEN_LICENSING_SALES_CAP_PERCENT,
        "profit": OPEN_LICENSING_PROFIT_CAP_PERCENT,
        "fee": OPEN_LICENSING_FIXED_FEE_CAP,
    }


@login_required
def listing_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """An officer lists a patent, or edits one of their institution's listings."""
    listing = None
    institutions = _officer_institutions(request.user)
    if pk is not None:
        listing = get_object_or_404(PatentListing.objects.for_user(request.user), pk=pk)
        decision = institution_decision(request.user, listing.institution)
        if not decision:
            raise PermissionDenied(decision.reason)
    elif not institutions.exists():
        raise PermissionDenied(_("Only tech-transfer officers list patents."))
    form = forms.ListingForm(request.POST or None, instance=listing)
    if listing is None:
        form.fields["institution"] = django_forms.ModelChoiceField(
            queryset=institutions, label=_("Owner institution"), empty_label=None
        )
    else:
        del form.fields["publish"]
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        institution = data["institution"] if listing is None else listing.institution
        values = {name: data[name] for name in services.LISTING_FIELDS}
        try:
            saved = services.save_listing(
                by=request.user,
                institution=institution,
                values=values,
                industries=[division.code for division in data["industries"]],
                listing=listing,
                publish=bool(data.get("publish")),
            )
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, _("Listing saved."))
            return redirect("techtransfer:listing", pk=saved.pk)
    return render(request, "techtransfer/listing_form.html", {"form": form, "listing": listing})


@login_required
@require_POST
def listing_status(request: HttpRequest, pk: int) -> HttpResponse:
    """An officer publishes or withdraws a listing."""
    listing = get_object_or_404(PatentListing.objects.for_user(request.user), pk=pk)
    try:
        if request.POST.get("action") == "withdraw":
            services.withdraw_listing(listing, by=request.user, comment=request.POST.get("comment", ""))
            messages.success(request, _("Listing withdrawn."))
        else:
            services.publish_listing(listing, by=request.user)
            messages.success(request, _("Listing published."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("techtransfer:listing", pk=listing.pk)


@login_required
def listing_import(request: HttpRequest) -> HttpResponse:
    """An officer imports listings from a CSV or XLSX file: all rows pass, or none is written."""
    institutions = _officer_institutions(request.user)
    if not institutions.exists():
        raise PermissionDenied(_("Only tech-transfer officers import listings."))
    form = forms.ImportForm(request.POST or None, request.FILES or None, institutions=institutions)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        report = import_listings(
            upload, upload.name, institution=form.cleaned_data["institution"], by=request.user
        )
        if report.ok:
            messages.success(
                request, _("%(count)s listings imported and published.") % {"count": report.created}
            )
            return redirect("techtransfer:mine")
    return render(request, "techtransfer/import.html", {"form": form, "report": report})


def _next_only(request: HttpRequest, rows: list[Any]) -> pagination.PageLinks:
    """The pager of a list paged by `?after=` (the last id shown): a next page only, when one more row came."""
    if len(rows) <= PAGE_SIZE:
        return pagination.PageLinks(number=None)
    query = pagination.other_parameters(request.GET, "after")
    return pagination.PageLinks(
        number=None, next_link=pagination.page_link(query, after=rows[PAGE_SIZE - 1].pk)
    )


@login_required
def my_listings(request: HttpRequest) -> HttpResponse:
    """An officer's listings, drafts included, with their enquiries and licences."""
    institutions = _officer_institutions(request.user)
    if not institutions.exists():
        raise PermissionDenied(_("Only tech-transfer officers have listings."))
    after = request.GET.get("after", "")
    listings = (
        PatentListing.objects.filter(institution__in=institutions)
        .annotate(
            enquiry_count=Count("enquiries", distinct=True),
            unanswered=Count("enquiries", filter=Q(enquiries__answered_at__isnull=True), distinct=True),
            licence_count=Count("licences", distinct=True),
        )
        .order_by("-pk")
    )
    if after.isdigit():
        listings = listings.filter(pk__lt=int(after))
    rows = list(listings[: PAGE_SIZE + 1])
    return render(
        request,
        "techtransfer/my_listings.html",
        {
            "listings": rows[:PAGE_SIZE],
            "pager": _next_only(request, rows),
        },
    )


def _sme_post_on_listing(
    request: HttpRequest,
    pk: int,
    form_class: type[forms.EnterpriseChoiceMixin],
    service: Callable[..., object],
    *,
    done: str,
    invalid: str,
) -> HttpResponse:
    """An SME's word on a listing it may see (an enquiry, a pass): the form's fields are the service's keywords."""
    listing = get_object_or_404(PatentListing.objects.for_user(request.user), pk=pk)
    _post_form(
        request,
        form_class(request.POST, user=request.user),
        lambda data: service(listing, by=request.user, **data),
        done=done,
        invalid=invalid,
    )
    return redirect("techtransfer:listing", pk=listing.pk)


@login_required
@require_POST
def enquire(request: HttpRequest, pk: int) -> HttpResponse:
    """An SME expresses interest or asks a question."""
    return _sme_post_on_listing(
        request,
        pk,
        forms.EnquiryForm,
        services.make_enquiry,
        done=_("Sent to the institution's tech-transfer officer."),
        invalid=_("Choose the enterprise and write a message."),
    )


@login_required
@require_POST
def give_feedback(request: HttpRequest, pk: int) -> HttpResponse:
    """An SME passes on a listing and says why."""
    return _sme_post_on_listing(
        request,
        pk,
        forms.FeedbackForm,
        services.pass_on_listing,
        done=_("Thank you: the institution sees why this patent is not for you."),
        invalid=_("Choose a reason."),
    )


@login_required
@require_POST
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    """The officer answers an enquiry."""
    enquiry = get_object_or_404(
        Enquiry.objects.for_user(request.user).select_related("listing__institution"), pk=pk
    )
    form = forms.AnswerForm(request.POST)
    if form.is_valid():
        services.answer_enquiry(enquiry, by=request.user, answer=form.cleaned_data["answer"])
        messages.success(request, _("Answer sent."))
    else:
        messages.error(request, _("Write an answer."))
    return redirect("techtransfer:listing", pk=enquiry.listing_id)


@login_required
def accept(request: HttpRequest, pk: int) -> HttpResponse:
    """The click-through: the SME reads the current licence text and the terms, and accepts."""
    listing = get_object_or_404(
        PatentListing.objects.for_user(request.user).select_related("institution"), pk=pk
    )
    text = LicenceText.current(_today())
    if text is None:
        raise PermissionDenied(_("No licence text is in force yet."))
    form = forms.AcceptForm(request.POST or None, user=request.user, initial={"version": text.version})
    if not form.fields["enterprise"].queryset.exists():
        raise PermissionDenied(_("Only an enterprise's owner or delegate may accept a licence."))
    if request.method == "POST" and form.is_valid():
        try:
            licence = services.accept_standard_licence(
                listing,
                enterprise=form.cleaned_data["enterprise"],
                by=request.user,
                click=_click(request, form.cleaned_data["version"]),
                today=_today(),
            )
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(
                request,
                _("Licence accepted. The free period runs until %(day)s.") % {"day": licence.paying_from},
            )
            return redirect("techtransfer:licence", pk=licence.pk)
    return render(
        request,
        "techtransfer/accept.html",
        {"listing": listing, "terms": listing, "text": text, "form": form, "caps": _caps()},
    )


@login_required
@require_POST
def offer_variation(request: HttpRequest, pk: int) -> HttpResponse:
    """The officer records terms agreed with one SME, which that SME then accepts."""
    listing = get_object_or_404(PatentListing.objects.for_user(request.user), pk=pk)
    form = forms.VariationForm(request.POST, listing=listing)
    if form.is_valid():
        try:
            licence = services.offer_varied_licence(
                listing,
                enterprise=form.cleaned_data["enterprise"],
                by=request.user,
                terms=form.terms(),
                note=form.cleaned_data["variation_note"],
                today=_today(),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Varied terms offered; the enterprise accepts them on the platform."))
            return redirect("techtransfer:licence", pk=licence.pk)
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("techtransfer:listing", pk=listing.pk)


@login_required
def licence_list(request: HttpRequest) -> HttpResponse:
    """The licences the user may see: their enterprises', their institution's, or their jurisdiction's."""
    status = request.GET.get("status", "")
    licences = (
        Licence.objects.for_user(request.user)
        .select_related("listing__institution", "enterprise")
        .annotate(invoiced=Sum("statements__amount_due"))
        .order_by("-pk")
    )
    if status in LicenceStatus.values:
        licences = licences.filter(status=status)
    # The list behind a dashboard figure: licences of the listings of institutions inside a region.
    if region := Region.objects.filter(code=request.GET.get("region", "")).first():
        licences = licences.filter(within_region(region, region_field="listing__institution__region"))
    after = request.GET.get("after", "")
    if after.isdigit():
        licences = licences.filter(pk__lt=int(after))
    rows = list(licences[: PAGE_SIZE + 1])
    return render(
        request,
        "techtransfer/licence_list.html",
        {
            "licences": rows[:PAGE_SIZE],
            "pager": _next_only(request, rows),
            "statuses": LicenceStatus.choices,
            "status": status,
        },
    )


@login_required
def licence_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A licence: terms, stage, statements with balances, and the forms for reporting, paying and ending."""
    licence = get_object_or_404(
        Licence.objects.for_user(request.user).select_related(
            "listing__institution", "enterprise", "acceptance__licence_text", "acceptance__accepted_by"
        ),
        pk=pk,
    )
    statements = list(
        licence.statements.annotate(received=Sum("payments__amount")).prefetch_related(Prefetch("payments"))
    )
    today = _today()
    for statement in statements:
        statement.received = to_fen(statement.received or Decimal(0))
        statement.balance = statement.amount_due - statement.received
        statement.overdue = statement.balance > 0 and statement.due_on < today
    context: dict[str, Any] = {
        "licence": licence,
        "statements": statements,
        "events": licence.events.select_related("actor")[:50],
        "can_report": bool(licence_decision(request.user, "report", licence))
        and licence.status == LicenceStatus.PAYING,
        "can_manage": bool(licence_decision(request.user, "manage", licence)) and licence.is_active,
        "can_accept": bool(licence_decision(request.user, "accept", licence))
        and licence.status == LicenceStatus.OFFERED,
        "total_due": sum((s.amount_due for s in statements), Decimal("0.00")),
        "total_balance": sum((s.balance for s in statements), Decimal("0.00")),
        "caps": _caps(),
    }
    if context["can_report"]:
        context["report_form"] = forms.ReportForm(basis=licence.royalty_basis)
    if context["can_manage"]:
        open_statements = Statement.objects.filter(licence=licence).order_by("period_start")
        context["payment_form"] = forms.PaymentForm(statements=open_statements, initial={"paid_on": today})
        context["end_form"] = forms.EndForm()
    if context["can_accept"]:
        text = LicenceText.current(today)
        context["text"] = text
        context["accept_form"] = forms.AcceptOfferForm(initial={"version": text.version if text else ""})
    return render(request, "techtransfer/licence_detail.html", context)


@login_required
@require_POST
def accept_offer(request: HttpRequest, pk: int) -> HttpResponse:
    licence = get_object_or_404(Licence.objects.for_user(request.user), pk=pk)
    form = forms.AcceptOfferForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tick the box to accept the licence text."))
        return redirect("techtransfer:licence", pk=licence.pk)
    try:
        services.accept_varied_licence(
            licence, by=request.user, click=_click(request, form.cleaned_data["version"]), today=_today()
        )
        messages.success(request, _("Varied licence accepted."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("techtransfer:licence", pk=licence.pk)


@login_required
@require_POST
def report(request: HttpRequest, pk: int) -> HttpResponse:
    """The SME reports a period's figures; the statement is issued at once."""
    licence = get_object_or_404(Licence.objects.for_user(request.user), pk=pk)
    form = forms.ReportForm(request.POST, basis=licence.royalty_basis)
    if form.is_valid():
        data = form.cleaned_data
        try:
            statement = services.report_period(
                licence,
                by=request.user,
                period_start=data["period_start"],
                period_end=data["period_end"],
                net_sales=data.get("net_sales"),
                profit=data.get("profit"),
                today=_today(),
            )
            messages.success(
                request,
                _("Statement %(number)s issued: %(amount)s yuan due by %(day)s.")
                % {"number": statement.number, "amount": statement.amount_due, "day": statement.due_on},
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("techtransfer:licence", pk=licence.pk)


@login_required
@require_POST
def record_payment(request: HttpRequest, pk: int) -> HttpResponse:
    """The officer records a payment received."""
    licence = get_object_or_404(Licence.objects.for_user(request.user), pk=pk)
    form = forms.PaymentForm(request.POST, statements=Statement.objects.filter(licence=licence))
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.record_payment(
                data["statement"],
                by=request.user,
                amount=data["amount"],
                paid_on=data["paid_on"],
                reference=data["reference"],
            )
            messages.success(request, _("Payment recorded."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("techtransfer:licence", pk=licence.pk)


@login_required
@require_POST
def end(request: HttpRequest, pk: int) -> HttpResponse:
    """The officer ends a licence, or converts it into an assignment."""
    licence = get_object_or_404(Licence.objects.for_user(request.user), pk=pk)
    form = forms.EndForm(request.POST)
    if form.is_valid():
        try:
            services.end_licence(
                licence,
                by=request.user,
                outcome=form.cleaned_data["outcome"],
                comment=form.cleaned_data["comment"],
                today=_today(),
            )
            messages.success(request, _("Licence ended."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, _("Choose an outcome and give the reason."))
    return redirect("techtransfer:licence", pk=licence.pk)


@login_required
def recommendations(request: HttpRequest) -> HttpResponse:
    """Patents recommended for the user's enterprise, from its industry and the technology needs it
    describes."""

    enterprises = Enterprise.objects.filter(memberships__user=request.user).select_related(
        "industry__division"
    )
    if not enterprises.exists():
        raise PermissionDenied(_("Recommendations are for enterprises: you do not act for one."))
    form = forms.NeedForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.save_technology_need(
            form.cleaned_data["enterprise"], by=request.user, description=form.cleaned_data["description"]
        )
        messages.success(request, _("Technology needs saved."))
        return redirect("techtransfer:recommendations")
    chosen = (
        enterprises.filter(pk=request.GET.get("enterprise")).first()
        if request.GET.get("enterprise", "").isdigit()
        else None
    )
    enterprise = chosen or enterprises.first()
    need = getattr(enterprise, "technology_need", None) if enterprise else None
    if request.method != "POST":
        form = forms.NeedForm(
            user=request.user,
            initial={"enterprise": enterprise, "description": need.description if need else ""},
        )
    return render(
        request,
        "techtransfer/recommendations.html",
        {
            "form": form,
            "enterprise": enterprise,
            "enterprises": enterprises,
            "hits": recommended_for(enterprise) if enterprise else [],
        },
    )


@login_required
def reports(request: HttpRequest) -> HttpResponse:
    """Figures for institutions and officials: listings, interest, licences by stage, income, time to
    licence."""
    if not institutions_for(request.user).exists():
        raise PermissionDenied(_("Reports are for tech-transfer officers and officials."))
    rows = transfer_report(request.user)
    totals = {
        "listings": sum(r.listings for r in rows),
        "enquiries": sum(r.enquiries for r in rows),
        "passes": sum(r.passes for r in rows),
        "invoiced": sum((r.invoiced for r in rows), Decimal("0.00")),
        "received": sum((r.received for r in rows), Decimal("0.00")),
        "by_stage": {status: sum(r.by_stage[status] for r in rows) for status in LicenceStatus.values},
    }
    return render(
        request,
        "techtransfer/reports.html",
        {
            "rows": rows,
            "totals": totals,
            "statuses": LicenceStatus.choices,
            "feedback": feedback_summary(request.user),
            "listing_statuses": ListingStatus.choices,
        },
    )
