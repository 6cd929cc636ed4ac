"""The periodic refresh of the register's counts (titles, requests and licences are kept as they change).

Declared as an hourly periodic job in apps.py; `littlegiant jobs run figures.refresh_registry` runs it by hand.
"""

from __future__ import annotations

from django.tasks import task

from littlegiant.figures import services


@task
def refresh_registry_counts() -> int:
    """Count the register again for the dashboards' funnel."""
    return services.refresh_registry()
