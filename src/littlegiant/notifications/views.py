"""A person's notices: the list (newest first) and marking them read."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from littlegiant.notifications import services
from littlegiant.notifications.models import Notification
from littlegiant.pagination import page_of


@login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    """The signed-in person's notices, unread ones marked."""
    page = page_of(Notification.objects.for_user(request.user), request)
    return render(request, "notifications/inbox.html", {"page": page})


@login_required
@require_POST
def read(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one notice read, then follow its link (or go back to the list)."""
    notice = get_object_or_404(Notification.objects.for_user(request.user), pk=pk)
    services.mark_read(notice, by=request.user)
    if notice.link and url_has_allowed_host_and_scheme(notice.link, allowed_hosts=None):
        return redirect(notice.link)
    return redirect("notifications:inbox")


@login_required
@require_POST
def read_all(request: HttpRequest) -> HttpResponse:
    """Mark every notice read."""
    services.mark_all_read(by=request.user)
    return redirect("notifications:inbox")
