""" "Apply now" on the self-assessment: the open programme that uses a pack the enterprise qualifies under, and
the enterprise's application to it if there is one.

A template tag of recognition's, so that the assessment app (a sibling) never imports recognition: the page
asks recognition by name, as it does for its URLs.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import template
from django.utils import timezone

from littlegiant.recognition.models import Application, Programme

register = template.Library()


@register.simple_tag(takes_context=True)
def apply_links(context: template.Context, enterprise: Any, documents: Sequence[dict]) -> dict[str, dict]:
    """pack id → {"programme", "application"} for each pack the enterprise qualifies under with a programme
    open today; empty for anyone but a member of the enterprise (only members apply)."""
    request = context.get("request")
    qualified = [doc["pack"]["id"] for doc in documents if doc.get("outcome") == "qualified"]
    if request is None or not qualified or not enterprise.memberships.filter(user=request.user).exists():
        return {}
    today = timezone.localdate()
    programmes = {p.pack_id: p for p in Programme.objects.open_on(today).filter(pack_id__in=qualified)}
    if not programmes:
        return {}
    applications = {
        a.programme_id: a
        for a in Application.objects.filter(enterprise=enterprise, programme__in=programmes.values())
    }
    return {
        pack_id: {"programme": programme, "application": applications.get(programme.pk)}
        for pack_id, programme in programmes.items()
    }
