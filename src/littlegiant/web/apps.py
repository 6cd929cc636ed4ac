from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "littlegiant.web"
    verbose_name = _("Web")

    def ready(self) -> None:
        from littlegiant.accounts.roles import register_role_provider
        from littlegiant.web.home import expert_roles

        register_role_provider("expert", expert_roles, order=25)
