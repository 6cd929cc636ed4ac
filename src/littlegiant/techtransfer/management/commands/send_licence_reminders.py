"""Remind SMEs before their free period ends and move licences on (run daily, e.g. from cron)."""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from littlegiant.techtransfer.services import follow_up_licences


class Command(BaseCommand):
    help = "Remind licensees before their free period ends; start paying stages; expire licences."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", type=date.fromisoformat, help="Run as of this date (YYYY-MM-DD).")

    def handle(self, *args: object, today: date | None = None, **options: object) -> None:
        done = follow_up_licences(today=today or timezone.localdate())
        self.stdout.write(
            f"reminded {done.reminded}, started paying {done.started_paying}, expired {done.expired}"
        )
