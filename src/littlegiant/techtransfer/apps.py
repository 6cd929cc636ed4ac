from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from littlegiant import periodic


class TechtransferConfig(AppConfig):
    name = "littlegiant.techtransfer"
    verbose_name = _("Technology transfer")

    def ready(self) -> None:
        # Imported here because app modules may only be imported once the registry is ready.
        from littlegiant.accounts.roles import register_role_provider
        from littlegiant.techtransfer.roles import transfer_roles_of
        from littlegiant.techtransfer.tasks import follow_up_licences

        register_role_provider("transfer_officer", transfer_roles_of, order=40)
        periodic.declare(
            "techtransfer.follow_up_licences",
            follow_up_licences,
            every=timedelta(days=1),
            description="Remind licensees before the free period ends, start paying stages, expire licences.",
        )
