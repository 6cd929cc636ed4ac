"""When a row was created and last changed: the abstract model every app's editable records build on."""

from __future__ import annotations

from django.db import models


class Timestamped(models.Model):
    """A record (abstract) that keeps when it was created and when it was last saved."""

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
