from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    name = "littlegiant.services"
    verbose_name = _("Service network")

    def ready(self) -> None:
        # Imported here because app modules may only be imported once the registry is ready.
        from django.db.backends.signals import connection_created

        from littlegiant.accounts.roles import register_role_provider
        from littlegiant.services.roles import service_roles_of
        from littlegiant.services.scorecards import register_sqlite_median

        register_role_provider("institution_staff", service_roles_of, order=30)

        connection_created.connect(register_sqlite_median, dispatch_uid="littlegiant_services_sqlite_median")
