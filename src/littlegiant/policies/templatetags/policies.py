"""The home page's policy section: an enterprise's matches, for a template that knows only its id."""

from __future__ import annotations

from django import template
from django.utils import timezone

from littlegiant.enterprises.models import Enterprise
from littlegiant.policies.matching import EnterpriseMatches, match_enterprise

register = template.Library()


@register.simple_tag(takes_context=True)
def policy_matches(context: template.Context, enterprise_id: int) -> EnterpriseMatches | None:
    """The policies for an enterprise the signed-in user may see (None otherwise)."""
    request = context.get("request")
    if request is None:
        return None
    enterprise = (
        Enterprise.objects.for_user(request.user).select_related("region").filter(pk=enterprise_id).first()
    )
    if enterprise is None:
        return None
    return match_enterprise(enterprise, timezone.localdate())
