"""Escalate overdue service requests to the next level up; run it from cron, e.g. every 15 minutes."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from littlegiant.services.services import escalate_overdue


class Command(BaseCommand):
    help = (
        "Escalate service requests that were not answered (default 72 hours) or not resolved "
        "(default 30 days) in time to the next level up. Thresholds are set per institution."
    )

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument(
            "--enqueue", action="store_true", help="Queue the sweep as a background task instead."
        )

    def handle(self, *args: object, **options: object) -> None:
        if options["enqueue"]:
            from littlegiant.services.tasks import escalate_overdue_requests

            result = escalate_overdue_requests.enqueue()
            self.stdout.write(f"Queued the escalation sweep as task {result.id}.")
            return
        report = escalate_overdue()
        self.stdout.write(
            f"Escalated {report.escalated} request(s); {report.stuck_at_top} overdue at the top level."
        )
