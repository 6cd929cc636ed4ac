"""The home page, which differs by role (health and readiness live in `littlegiant.operations`)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from littlegiant.accounts.roles import roles_of
from littlegiant.notifications.models import Notification
from littlegiant.web import discovery as discovery_service
from littlegiant.web.home import section_for
from littlegiant.web.todo import to_dos


def home(request: HttpRequest) -> HttpResponse:
    """Signed out: the public entry points. Signed in: one section per role the person holds."""
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    return _home(request)


@login_required
def _home(request: HttpRequest) -> HttpResponse:
    roles = roles_of(request.user)
    sections = [(role, section_for(request.user, role)) for role in roles]
    unread = Notification.objects.for_user(request.user).unread()[:5]
    return render(
        request,
        "web/home.html",
        {"sections": sections, "to_dos": to_dos(request.user, roles), "unread": unread},
    )


@login_required
@require_http_methods(["GET", "POST"])
def discovery(request: HttpRequest) -> HttpResponse:
    """Officials: who qualifies but has not applied, by county; invite one to apply or refer it (POST)."""
    pack_id = request.POST.get("pack") or request.GET.get("pack", "")
    if request.method == "POST":
        action = request.POST.get("action")
        enterprise_id = _int(request.POST.get("enterprise"))
        try:
            if action == "invite":
                enterprise = discovery_service.invite_to_apply(request.user, enterprise_id, pack_id)
                messages.success(request, _("%(name)s was invited to apply.") % {"name": enterprise.name})
            elif action == "refer":
                institution = discovery_service.refer_to_institution(request.user, enterprise_id, pack_id)
                messages.success(request, _("Referred to %(name)s.") % {"name": institution.name})
            else:
                return HttpResponseBadRequest(_("Choose to invite or to refer."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect(f"{reverse('web:discovery')}?{urlencode({'pack': pack_id})}")
    found = discovery_service.discover(request.user, pack_id)
    return render(request, "web/discovery.html", {"found": found})


def _int(value: str | None) -> int:
    try:
        return int(value or "")
    except ValueError:
        raise Http404 from None
