"""The one audit-event base: who, in which role and region, did what, from which state to which, and when.

Every app's trail (applications, service requests, licences, screening runs) subclasses `AuditEvent`, adding
only the foreign key to what the event is about, so a reader learns one schema and `record()` is the one way
to write an entry. Roles are codes (`enterprise`, `reviewer:municipal`, `institution_staff`, ...), never
display strings, so a trail reads correctly in either language.
"""

from __future__ import annotations

from typing import Any, Self

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

SYSTEM = "system"  # the role of an event that no person caused (a scheduled job, the worker)


class AuditEvent(models.Model):
    """One entry of an audit trail (abstract): subclasses add what the event is about."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    role = models.CharField(_("role"), max_length=64)
    region = models.CharField(_("region"), max_length=6, blank=True)
    action = models.CharField(_("action"), max_length=32)
    from_state = models.CharField(_("from"), max_length=64, blank=True)
    to_state = models.CharField(_("to"), max_length=64, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.action}: {self.from_state or '∅'} → {self.to_state or '∅'}"

    @classmethod
    def record(
        cls,
        *,
        actor: Any | None,
        role: str,
        action: str,
        from_state: str = "",
        to_state: str = "",
        comment: str = "",
        region: str = "",
        **about: Any,
    ) -> Self:
        """Write one entry; `about` names what it concerns (`application=…`, `request=…`)."""
        if not role:
            raise ValueError("an audit event needs a role code (use audit.SYSTEM for the platform itself)")
        return cls.objects.create(  # type: ignore[attr-defined]
            actor=actor,
            role=role,
            region=region or "",
            action=action,
            from_state=str(from_state or ""),
            to_state=str(to_state or ""),
            comment=comment,
            **about,
        )
