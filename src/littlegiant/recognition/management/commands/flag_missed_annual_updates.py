"""`manage.py flag_missed_annual_updates`: the daily sweep of overdue yearly updates, for cron."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from littlegiant.recognition import services


class Command(BaseCommand):
    help = "Titles whose yearly data update is missing after 30 April lose their eligibility for review."

    def handle(self, *args: object, **options: object) -> None:
        flagged = services.flag_missed_annual_updates()
        self.stdout.write(f"{flagged} titles flagged.")
