"""Background work of dynamic management: flag titles whose yearly data update is overdue (after 30 April).

Declared as a daily periodic job in apps.py; `littlegiant jobs run recognition.flag_missed_annual_updates`
runs it by hand.
"""

from __future__ import annotations

from django.tasks import task

from littlegiant.recognition import services
from littlegiant.recognition.services.clusters import remind_reports


@task
def flag_missed_annual_updates() -> int:
    """Titles still valid whose update for this year is missing lose their review eligibility; run daily."""
    return services.flag_missed_annual_updates()


@task
def remind_cluster_reports() -> int:
    """Remind the counties (file) and provinces (forward) of the cluster reports due by 30 April; run daily."""
    return remind_reports()
