"""Background tasks of the service network (django.tasks; the backend is set in settings.TASKS)."""

from __future__ import annotations

from django.tasks import task

from littlegiant.services.services import escalate_overdue


@task
def escalate_overdue_requests() -> dict[str, int]:
    """Periodic sweep (every 15 minutes, declared in apps.py): overdue requests go up a level."""
    report = escalate_overdue()
    return {"escalated": report.escalated, "stuck_at_top": report.stuck_at_top}
