"""In-app notices: what the platform told a person, kept so they can read it again after the mail."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MailStatus(models.TextChoices):
    """Whether the notice also went out by mail (sent after the change committed)."""

    NOT_MAILED = "not_mailed", _("not mailed")
    PENDING = "pending", _("mail pending")
    SENT = "sent", _("mailed")
    FAILED = "failed", _("mail failed")


class NotificationQuerySet(models.QuerySet):
    def for_user(self, user: object) -> NotificationQuerySet:
        """A person's own notices; nobody, administrators included, reads another's."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(recipient=user)

    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """One notice to one person: a subject, a body, a link to what it is about, and when it was read."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("body"), blank=True)
    link = models.CharField(_("link"), max_length=500, blank=True)
    language = models.CharField(_("language"), max_length=16)
    mail_status = models.CharField(
        _("mail"), max_length=16, choices=MailStatus.choices, default=MailStatus.NOT_MAILED
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    # Set by a caller that must tell each person at most once (an invitation, a policy's 免申即享 notice): a
    # second click finds the key and tells nobody again.
    once_key = models.CharField(_("sent once as"), max_length=200, blank=True, default="")

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "once_key"],
                condition=~models.Q(once_key=""),
                name="notification_once_per_recipient",
            )
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
