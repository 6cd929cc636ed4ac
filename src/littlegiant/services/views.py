"""Pages of the service network: thin views that fetch through for_user(), check, call a service, render."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from functools import cache
from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from littlegiant.accounts.jurisdiction import is_administrator, reviewer_region_paths, within_region
from littlegiant.downloads import export_format, spreadsheet_response
from littlegiant.enterprises.models import Enterprise
from littlegiant.pagination import page_of
from littlegiant.reference.loading import DATA_DIR
from littlegiant.reference.models import Region
from littlegiant.services import exports, forms, services
from littlegiant.services.coverage import coverage_of
from littlegiant.services.models import (
    OPEN_STATUSES,
    InstitutionLevel,
    InstitutionStaff,
    RequestAttachment,
    RequestStatus,
    ServiceCategory,
    ServiceInstitution,
    ServiceOffering,
    ServiceRequest,
    ServiceSession,
)
from littlegiant.services.permissions import (
    FILING_ROLES,
    can_manage_catalogue,
    oversees_network,
    request_decision,
)
from littlegiant.services.scorecards import scorecards
from littlegiant.uploads import serve_upload

if TYPE_CHECKING:
    from littlegiant.accounts.models import User

STALE_AFTER = timedelta(days=90)


def _filing_enterprises(user: User):  # noqa: ANN202
    return Enterprise.objects.filter(memberships__user=user, memberships__role__in=FILING_ROLES).distinct()


# ---------------------------------------------------------------- overview and catalogue


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The service network's front page: what the person can do here, by role."""
    user = request.user
    staff = list(InstitutionStaff.objects.filter(user=user).select_related("institution"))
    return render(
        request,
        "services/home.html",
        {
            "can_file": _filing_enterprises(user).exists(),
            "staff": staff,
            "overseer": oversees_network(user),
            "administrator": is_administrator(user),
            "my_open": ServiceRequest.objects.for_user(user).filter(status__in=OPEN_STATUSES).count(),
            "categories": ServiceCategory.choices,
        },
    )


@login_required
def catalogue(request: HttpRequest) -> HttpResponse:
    """Browse and search the published services by region and category."""
    form = forms.CatalogueFilterForm(request.GET or None)
    offerings = ServiceOffering.objects.for_user(request.user).select_related("institution__region")
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            offerings = offerings.filter(
                Q(title__icontains=data["q"])
                | Q(description__icontains=data["q"])
                | Q(institution__name__icontains=data["q"])
            )
        if data["category"]:
            offerings = offerings.filter(category=data["category"])
        if data["fee"]:
            offerings = offerings.filter(fee=data["fee"])
        if data["region"] is not None:
            # Institutions that serve the region: those inside it and those above it (province, country).
            codes = [code for code in data["region"].path.split("/") if code]
            offerings = offerings.filter(
                Q(institution__region__path__startswith=data["region"].path)
                | Q(institution__region_id__in=codes)
                | Q(institution__level=InstitutionLevel.NATIONAL)
            )
    offerings = offerings.order_by("institution__level", "institution__name", "title", "pk")
    return render(
        request,
        "services/catalogue.html",
        {
            "form": form,
            "page": page_of(offerings, request),
            "can_file": _filing_enterprises(request.user).exists(),
        },
    )


@login_required
def institution_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An institution: contacts, categories, catalogue; its scorecard and ratings for those who oversee it."""
    institution = get_object_or_404(
        ServiceInstitution.objects.select_related("region", "parent"), pk=pk, is_active=True
    )
    user = request.user
    visible = ServiceInstitution.objects.for_user(user).filter(pk=pk).exists()
    manage = can_manage_catalogue(user, institution)
    offerings = institution.offerings.all() if manage else institution.offerings.filter(is_active=True)
    context = {
        "institution": institution,
        "categories": [row.get_category_display() for row in institution.categories.all()],
        "offerings": offerings.order_by("category", "title"),
        "can_manage": bool(manage),
        "offering_form": forms.OfferingForm() if manage else None,
        "card": scorecards([institution])[0] if visible else None,
        "ratings": institution.ratings.select_related("request__enterprise")[:20] if visible else [],
    }
    return render(request, "services/institution_detail.html", context)


@login_required
@require_POST
def offering_add(request: HttpRequest, pk: int) -> HttpResponse:
    institution = get_object_or_404(ServiceInstitution, pk=pk, is_active=True)
    form = forms.OfferingForm(request.POST)
    if form.is_valid():
        try:
            services.publish_offering(institution, by=request.user, **form.cleaned_data)
            messages.success(request, _("The offering is published in the catalogue."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, _("The offering was not saved: %(errors)s") % {"errors": _form_errors(form)})
    return redirect("services:institution", pk=pk)


@login_required
@require_POST
def offering_publish(request: HttpRequest, pk: int) -> HttpResponse:
    offering = get_object_or_404(ServiceOffering.objects.select_related("institution"), pk=pk)
    published = request.POST.get("published") == "1"
    services.set_offering_published(offering, by=request.user, published=published)
    messages.success(request, _("Published.") if published else _("Withdrawn from the catalogue."))
    return redirect("services:institution", pk=offering.institution_id)


def _form_errors(form) -> str:  # noqa: ANN001
    return "; ".join(
        f"{form.fields[name].label if name in form.fields else name}: {' '.join(errors)}"
        for name, errors in form.errors.items()
    )


# ---------------------------------------------------------------- requests


@login_required
def request_list(request: HttpRequest) -> HttpResponse:
    """The requests the person may see: their enterprise's, their institution's queue, their region's."""
    requests = ServiceRequest.objects.for_user(request.user).select_related("enterprise", "institution")
    status = request.GET.get("status", "")
    if status == "open":
        requests = requests.filter(status__in=OPEN_STATUSES)
    elif status in RequestStatus.values:
        requests = requests.filter(status=status)
    category = request.GET.get("category", "")
    if category in ServiceCategory.values:
        requests = requests.filter(category=category)
    # The list behind a dashboard figure (within the scope above): the requests answered by institutions inside a
    # region, as the figures count them (services.request_figures_key); one at a national institution or at none
    # counts where its enterprise is.
    if region := Region.objects.filter(code=request.GET.get("region", "")).first():
        requests = requests.filter(
            within_region(region, region_field="institution__region")
            | (Q(institution__region__isnull=True) & within_region(region, region_field="enterprise__region"))
        )
    if request.GET.get("overdue") == "1":
        now = timezone.now()
        requests = requests.filter(
            Q(status=RequestStatus.ROUTED, respond_by__lt=now)
            | Q(status=RequestStatus.ACCEPTED, resolve_by__lt=now)
        )
    return render(
        request,
        "services/request_list.html",
        {
            "page": page_of(requests.order_by("-filed_at", "-pk"), request),
            "status": status,
            "category": category,
            "statuses": RequestStatus.choices,
            "categories": ServiceCategory.choices,
            "now": timezone.now(),
            "can_file": _filing_enterprises(request.user).exists(),
        },
    )


@login_required
def request_new(request: HttpRequest) -> HttpResponse:
    """An enterprise's owner or delegate files a request; it is routed at once."""
    enterprises = _filing_enterprises(request.user)
    if not enterprises.exists():
        raise PermissionDenied(_("Only an enterprise's owner or a delegate may file service requests."))
    offering = None
    if request.GET.get("offering") or request.POST.get("offering"):
        offering = (
            ServiceOffering.objects.for_user(request.user)
            .select_related("institution")
            .filter(pk=request.GET.get("offering") or request.POST.get("offering"))
            .first()
        )
    initial = {"category": offering.category, "title": offering.title} if offering else {}
    form = forms.ServiceRequestForm(
        request.POST or None, request.FILES or None, enterprises=enterprises, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            filed = services.file_request(
                data["enterprise"],
                by=request.user,
                category=data["category"],
                title=data["title"],
                description=data["description"],
                urgency=data["urgency"],
                attachments=data["attachments"],
                offering=offering if offering and offering.category == data["category"] else None,
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            if filed.institution_id:
                messages.success(
                    request,
                    _("Your request was sent to %(institution)s.") % {"institution": filed.institution},
                )
            else:
                messages.warning(
                    request,
                    _(
                        "No institution serving your region offers this service yet; an "
                        "administrator will place your request."
                    ),
                )
            return redirect("services:request", pk=filed.pk)
    return render(request, "services/request_new.html", {"form": form, "offering": offering})


ACTION_FORMS = {
    "accept": forms.AcceptForm,
    "decline": forms.ReasonForm,
    "refer": forms.ReasonForm,
    "withdraw": forms.ReasonForm,
    "transfer": forms.TransferForm,
    "log_session": forms.SessionForm,
    "record_outcome": forms.OutcomeForm,
    "close": forms.CloseForm,
    "rate": forms.RatingForm,
    "attach": forms.AttachForm,
}


def _transfer_targets(service_request: ServiceRequest):  # noqa: ANN202
    province = service_request.enterprise.region.province_code
    return (
        ServiceInstitution.objects.filter(is_active=True, categories__category=service_request.category)
        .filter(Q(region__province_code=province) | Q(level=InstitutionLevel.NATIONAL))
        .exclude(pk=service_request.institution_id)
        .order_by("level", "name")
    )


def _visible_request(request: HttpRequest, pk: int) -> ServiceRequest:
    return get_object_or_404(
        ServiceRequest.objects.for_user(request.user).select_related(
            "enterprise__region", "institution__parent", "filed_by", "offering"
        ),
        pk=pk,
    )


@login_required
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One request: its route, sessions, outcomes, files, rating, and what the person may do now."""
    service_request = _visible_request(request, pk)
    return _render_detail(request, service_request, bound=None)


def _render_detail(
    request: HttpRequest,
    service_request: ServiceRequest,
    *,
    bound: tuple[str, object] | None,
    status: int = 200,
) -> HttpResponse:
    actions = {}
    for action, form_class in ACTION_FORMS.items():
        if not request_decision(request.user, action, service_request):
            continue
        if bound and bound[0] == action:
            actions[action] = bound[1]
        elif action == "transfer":
            actions[action] = form_class(targets=_transfer_targets(service_request), prefix=action)
        else:
            actions[action] = form_class(prefix=action)
    context = {
        "req": service_request,
        "actions": actions,
        "assignments": service_request.assignments.select_related("institution"),
        "sessions": service_request.sessions.select_related("counsellor"),
        "outcomes": service_request.outcomes.all(),
        "attachments": service_request.attachments.all(),
        "events": service_request.events.select_related("actor", "institution", "held_at"),
        "rating": getattr(service_request, "rating", None)
        if service_request.status == RequestStatus.CLOSED
        else None,
        "now": timezone.now(),
    }
    return render(request, "services/request_detail.html", context, status=status)


@login_required
@require_POST
def request_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Every button on a request posts here; the service checks permission and changes state."""
    if action not in ACTION_FORMS:
        raise Http404
    service_request = _visible_request(request, pk)
    user = request.user
    decision = request_decision(user, action, service_request)
    if not decision:
        raise PermissionDenied(decision.reason)
    form_class = ACTION_FORMS[action]
    if action == "transfer":
        form = form_class(request.POST, targets=_transfer_targets(service_request), prefix=action)
    else:
        form = form_class(request.POST, request.FILES, prefix=action)
    if not form.is_valid():
        return _render_detail(request, service_request, bound=(action, form), status=400)
    data = form.cleaned_data
    try:
        message = _perform(action, service_request, user, data)
    except ValidationError as error:
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
        return _render_detail(request, service_request, bound=(action, form), status=400)
    messages.success(request, message)
    if (
        action in {"decline", "transfer", "refer"}
        and not ServiceRequest.objects.for_user(user).filter(pk=pk).exists()
    ):
        return redirect("services:requests")
    return redirect("services:request", pk=pk)


# The actions whose service takes the form's fields as they are, and what the person is told after each.
_ACTIONS_ON_THEIR_FORM: dict[str, tuple[Callable[..., object], Promise]] = {
    "log_session": (services.log_session, gettext_lazy("Session logged.")),
    "record_outcome": (services.record_outcome, gettext_lazy("Outcome recorded.")),
    "close": (services.close, gettext_lazy("Closed. The enterprise can now rate the service.")),
    "rate": (services.rate, gettext_lazy("Thank you: your rating was recorded.")),
}


def _perform(action: str, service_request: ServiceRequest, user: User, data: dict) -> str:
    if action == "accept":
        services.accept(service_request, by=user, comment=data["comment"])
        return _("Accepted. The resolution clock has started.")
    if action == "decline":
        moved = services.decline(service_request, by=user, reason=data["reason"])
        if moved.institution_id:
            return _("Declined. The request went on to %(institution)s.") % {"institution": moved.institution}
        return _("Declined. No other institution serves this request; it waits for an administrator.")
    if action == "refer":
        moved = services.refer_upward(service_request, by=user, reason=data["reason"])
        return _("Referred to %(institution)s.") % {"institution": moved.institution}
    if action == "transfer":
        moved = services.transfer(service_request, by=user, to=data["to"], reason=data["reason"])
        return _("Transferred to %(institution)s.") % {"institution": moved.institution}
    if action == "withdraw":
        services.withdraw(service_request, by=user, reason=data["reason"])
        return _("The request is withdrawn.")
    if action in _ACTIONS_ON_THEIR_FORM:
        perform, done = _ACTIONS_ON_THEIR_FORM[action]
        perform(service_request, by=user, **data)
        return str(done)
    services.attach(service_request, by=user, file=data["file"])
    return _("File attached.")


@login_required
@require_GET
def attachment(request: HttpRequest, pk: int) -> FileResponse:
    """A request's file, served only to those who may see the request."""
    item = get_object_or_404(
        RequestAttachment.objects.filter(request__in=ServiceRequest.objects.for_user(request.user)), pk=pk
    )
    return serve_upload(item.stored_as, content_type=item.content_type, filename=item.original_name)


# ---------------------------------------------------------------- coverage and scorecards


def _ensure_overseer(user: User) -> None:
    if not oversees_network(user):
        raise PermissionDenied(_("Coverage and scorecards are for reviewers and administrators."))


@login_required
def coverage(request: HttpRequest) -> HttpResponse:
    """Coverage of the network in the person's jurisdiction, with its gaps; drill down by region."""
    user = request.user
    _ensure_overseer(user)
    paths = None if is_administrator(user) else reviewer_region_paths(user)
    code = request.GET.get("region", "")
    focus: Region | None = None
    if code:
        focus = get_object_or_404(Region, code=code)
        if paths is not None and not any(focus.path.startswith(path) for path in paths):
            raise PermissionDenied(_("%(region)s lies outside your jurisdiction.") % {"region": focus.name})
    elif paths:
        focus = Region.objects.get(path=paths[0])
    result = coverage_of(focus)
    map_data = None
    if focus is None:
        map_data = [
            {
                "name": row.name,
                "code": row.code,
                "value": float(row.county_share or 0),
                "prefectures": row.prefectures,
                "prefecturesCovered": row.prefectures_covered,
                "counties": row.counties,
                "countiesCovered": row.counties_covered,
            }
            for row in result.rows
        ]
    own_regions = [] if paths is None else list(Region.objects.filter(path__in=paths))
    return render(
        request,
        "services/coverage.html",
        {
            "cov": result,
            "focus": focus,
            "ancestors": focus.ancestors()[:-1] if focus else [],
            "map_data": map_data,
            "map_labels": {
                "counties": _("Counties"),
                "prefectures": _("Cities"),
                "notApplicable": "n/a",
                "noData": _("no data"),
            },
            "own_regions": own_regions,
            "national": paths is None,
            "levels": InstitutionLevel.choices,
            "child_is_county": bool(result.rows) and result.rows[0].level == "county",
        },
    )


@cache
def _province_geojson() -> bytes:
    return (DATA_DIR / "china_provinces.geojson").read_bytes()


@login_required
@require_GET
def province_map(request: HttpRequest) -> HttpResponse:
    """The province boundaries for the coverage map (ECharts 4.9.0's map data; not an approved map)."""
    response = HttpResponse(_province_geojson(), content_type="application/geo+json")
    response["Cache-Control"] = "private, max-age=86400"
    return response


def _scorecard_institutions(request: HttpRequest, form: forms.ScorecardFilterForm):  # noqa: ANN202
    institutions = ServiceInstitution.objects.for_user(request.user).filter(is_active=True)
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            institutions = institutions.filter(name__icontains=data["q"])
        if data["level"]:
            institutions = institutions.filter(level=data["level"])
        if data["province"]:
            institutions = institutions.filter(region__province_code=data["province"])
    return institutions


@login_required
def scorecard_list(request: HttpRequest) -> HttpResponse:
    """Per-institution scorecards in the person's jurisdiction (staff: their own institution)."""
    user = request.user
    if not (oversees_network(user) or InstitutionStaff.objects.filter(user=user).exists()):
        raise PermissionDenied(_("Scorecards are for reviewers, administrators and institution staff."))
    form = forms.ScorecardFilterForm(request.GET or None)
    institutions = _scorecard_institutions(request, form).select_related("region").order_by("name", "pk")
    page = page_of(institutions, request)
    return render(
        request, "services/scorecards.html", {"form": form, "page": page, "cards": scorecards(page.rows)}
    )


@login_required
@require_GET
def export_scorecards(request: HttpRequest, fmt: str) -> HttpResponse:
    kind = export_format(fmt)
    user = request.user
    if not (oversees_network(user) or InstitutionStaff.objects.filter(user=user).exists()):
        raise PermissionDenied(_("Scorecards are for reviewers, administrators and institution staff."))
    institutions = _scorecard_institutions(request, forms.ScorecardFilterForm(request.GET or None))
    return spreadsheet_response(
        kind, name="scorecards", header=exports.scorecard_header(), rows=exports.scorecard_rows(institutions)
    )


@login_required
@require_GET
def export_requests(request: HttpRequest, fmt: str) -> HttpResponse:
    kind = export_format(fmt)
    requests = ServiceRequest.objects.for_user(request.user)
    status = request.GET.get("status", "")
    if status == "open":
        requests = requests.filter(status__in=OPEN_STATUSES)
    elif status in RequestStatus.values:
        requests = requests.filter(status=status)
    if request.GET.get("category", "") in ServiceCategory.values:
        requests = requests.filter(category=request.GET["category"])
    return spreadsheet_response(
        kind, name="service-requests", header=exports.request_header(), rows=exports.request_rows(requests)
    )


@login_required
def data_quality(request: HttpRequest) -> HttpResponse:
    """Warnings for administrators (Neoserra's data-quality checks): untimed sessions, stale requests."""
    if not is_administrator(request.user):
        raise PermissionDenied(_("Data-quality warnings are for administrators."))
    cutoff = timezone.now() - STALE_AFTER
    untimed = ServiceSession.objects.filter(contact_minutes=0, preparation_minutes=0)
    stale = ServiceRequest.objects.filter(status__in=OPEN_STATUSES, filed_at__lt=cutoff)
    unrouted = ServiceRequest.objects.filter(status=RequestStatus.UNROUTED)
    unstaffed = ServiceInstitution.objects.filter(is_active=True).annotate(n=Count("staff")).filter(n=0)
    no_category = ServiceInstitution.objects.filter(is_active=True, categories__isnull=True)
    closed_without_session = ServiceRequest.objects.filter(status=RequestStatus.CLOSED, sessions__isnull=True)
    return render(
        request,
        "services/data_quality.html",
        {
            "untimed_count": untimed.count(),
            "untimed": untimed.select_related("request", "institution", "counsellor").order_by(
                "-held_on", "-pk"
            )[:20],
            "stale_count": stale.count(),
            "stale": stale.select_related("enterprise", "institution").order_by("filed_at", "pk")[:20],
            "unrouted_count": unrouted.count(),
            "unrouted": unrouted.select_related("enterprise").order_by("filed_at", "pk")[:20],
            "unstaffed_count": unstaffed.count(),
            "no_category_count": no_category.count(),
            "closed_without_session_count": closed_without_session.count(),
            "stale_days": STALE_AFTER.days,
        },
    )
