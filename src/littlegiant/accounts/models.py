"""People and the roles they hold: reviewers by region and level; other roles live with what they act for."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from littlegiant.model_fields import optional_foreign_key
from littlegiant.reference.constraints import region_matches_level


class User(AbstractUser):
    """A person who signs in. What they may see and do follows from their roles, never from the user alone."""

    display_name = models.CharField(_("display name"), max_length=64, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name or self.get_full_name() or self.username

    @property
    def is_administrator(self) -> bool:
        return self.is_active and self.is_superuser


class ReviewLevel(models.TextChoices):
    """The level of government at which a reviewer works."""

    MUNICIPAL = "municipal", _("Municipal")
    PROVINCIAL = "provincial", _("Provincial")
    NATIONAL = "national", _("National")


class ReviewerAssignment(models.Model):
    """A reviewer's jurisdiction: a region and a level; a national reviewer has no region (the country)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="reviewer_assignments")
    level = models.CharField(_("level"), max_length=16, choices=ReviewLevel.choices)
    region = optional_foreign_key("reference.Region", related_name="reviewers", verbose_name=_("region"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reviewer assignment")
        verbose_name_plural = _("reviewer assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "level", "region"],
                name="one_assignment_per_user_level_region",
                violation_error_message=_("This reviewer already has that assignment."),
            ),
            region_matches_level(
                name="reviewer_region_matches_level",
                message=_("A national reviewer has no region; others need one."),
            ),
        ]

    def __str__(self) -> str:
        where = self.region.name if self.region_id else _("whole country")
        return f"{self.user} · {self.get_level_display()} · {where}"


class LoginFailure(models.Model):
    """A failed sign-in, kept to throttle guessing by user name and by address."""

    username = models.CharField(max_length=150, db_index=True)
    address = models.GenericIPAddressField(null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("sign-in failure")
        verbose_name_plural = _("sign-in failures")

    def __str__(self) -> str:
        return f"{self.username} · {self.address or '-'} · {self.created_at:%Y-%m-%d %H:%M}"


class DemoAccount(models.Model):
    """A demo sign-in listed on the sign-in page when the platform runs as a demo (never otherwise)."""

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="demo_account", verbose_name=_("user")
    )
    role_en = models.CharField(_("role (English)"), max_length=64)
    role_zh = models.CharField(_("role (Chinese)"), max_length=64)
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("demo account")
        verbose_name_plural = _("demo accounts")

    def __str__(self) -> str:
        return f"{self.user.username} · {self.role_en}"
