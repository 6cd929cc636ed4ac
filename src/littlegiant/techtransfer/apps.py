from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TechtransferConfig(AppConfig):
    name = "littlegiant.techtransfer"
    verbose_name = _("Technology transfer")

    def ready(self) -> None:
        # Imported here because app modules may only be imported once the registry is ready.
        from littlegiant.accounts.roles import register_role_provider
        from littlegiant.techtransfer.roles import transfer_roles_of

        register_role_provider("transfer_officer", transfer_roles_of, order=40)
