"""Background work of technology transfer, run by the task worker."""

from __future__ import annotations

from django.tasks import task
from django.utils import timezone


@task()
def follow_up_licences_task() -> dict[str, int]:
    """Daily: remind SMEs before their free period ends, start paying stages, expire licences with their
    patent."""
    from littlegiant.techtransfer.services import follow_up_licences

    done = follow_up_licences(today=timezone.localdate())
    return {"reminded": done.reminded, "started_paying": done.started_paying, "expired": done.expired}
