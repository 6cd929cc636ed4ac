"""The one audit-event base: who, in which role and region, did what, from which state to which, and when.

Every app's trail (applications, service requests, licences, screening runs) subclasses `AuditEvent`, adding
only the foreign key to what the event is about, so a reader learns one schema and `record()` is the one way
to write an entry. Roles are codes (`enterprise`, `reviewer:municipal`, `institution_staff`, ...), never
display strings, so a trail reads correctly in either language; a trail names its actions and states on a page
through its `ACTION_LABELS` and `STATE_LABELS` (`action_label`, `from_label`, `to_label`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, ClassVar, Self

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

SYSTEM = "system"  # the role of an event that no person caused (a scheduled job, the worker)


def _actor(*, on_delete: Callable[..., None]) -> models.ForeignKey:
    """Who acted: a person, or empty for the platform; `on_delete` says whether the entry outlives them."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=on_delete,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )


class AuditEvent(models.Model):
    """One entry of an audit trail (abstract): subclasses add what the event is about."""

    # How a trail's page names an action or a state in the reader's language; what is stored stays a code (and
    # so does an export). A code a subclass names no label for reads as itself.
    ACTION_LABELS: ClassVar[Mapping[str, object]] = {}
    STATE_LABELS: ClassVar[Mapping[str, object]] = {}

    actor = _actor(on_delete=models.PROTECT)  # empty: the platform itself (SYSTEM)
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

    @property
    def action_label(self) -> str:
        return str(self.ACTION_LABELS.get(self.action, self.action))

    @property
    def from_label(self) -> str:
        return self.state_label(self.from_state)

    @property
    def to_label(self) -> str:
        return self.state_label(self.to_state)

    @classmethod
    def state_label(cls, state: str) -> str:
        """A state in the reader's language; empty for no state."""
        return str(cls.STATE_LABELS.get(state, state)) if state else ""

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


class AuditEventKeptAfterActor(AuditEvent):
    """An audit event (abstract) that stays when its actor's account is deleted, the actor then empty: the trail
    of work that outlives the person who started it (a screening, a scenario)."""

    actor = _actor(on_delete=models.SET_NULL)

    class Meta(AuditEvent.Meta):
        abstract = True
