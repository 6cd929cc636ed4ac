"""Background work of technology transfer, run by the task worker (declared periodic in apps.py)."""

from __future__ import annotations

from django.tasks import task
from django.utils import timezone

from littlegiant.techtransfer import services


@task()
def follow_up_licences() -> dict[str, int]:
    """Daily: remind SMEs before their free period ends, start paying stages, expire licences with their
    patent."""
    done = services.follow_up_licences(today=timezone.localdate())
    return {"reminded": done.reminded, "started_paying": done.started_paying, "expired": done.expired}
