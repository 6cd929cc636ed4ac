"""The unread count in every page's header, for signed-in people only (one COUNT on an index)."""

from __future__ import annotations

from django.http import HttpRequest

from littlegiant.notifications.services import unread_count


def unread_notifications(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": unread_count(user)}
