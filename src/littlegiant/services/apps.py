from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    name = "littlegiant.services"
    verbose_name = _("Service network")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from littlegiant.services.scorecards import register_sqlite_median

        connection_created.connect(register_sqlite_median, dispatch_uid="littlegiant_services_sqlite_median")
