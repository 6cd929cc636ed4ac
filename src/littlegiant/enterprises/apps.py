from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnterprisesConfig(AppConfig):
    name = "littlegiant.enterprises"
    verbose_name = _("Enterprises")

    def ready(self) -> None:
        # Imported here because app modules may only be imported once the registry is ready.
        from littlegiant.accounts.roles import register_role_provider
        from littlegiant.enterprises.permissions import membership_roles

        register_role_provider("enterprise", membership_roles, order=10)
