from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    name = "littlegiant.services"
    verbose_name = _("Service network")

    def ready(self) -> None:
        from datetime import timedelta

        from littlegiant import periodic
        from littlegiant.services.tasks import escalate_overdue_requests

        periodic.declare(
            "services.escalate_overdue_requests",
            escalate_overdue_requests,
            every=timedelta(minutes=15),
            description="Service requests not answered or resolved in time go up a level.",
        )
        from django.db.backends.signals import connection_created

        from littlegiant.services.scorecards import register_sqlite_median

        connection_created.connect(register_sqlite_median, dispatch_uid="littlegiant_services_sqlite_median")
