from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClustersConfig(AppConfig):
    name = "littlegiant.clusters"
    label = "clusters"
    verbose_name = _("Distinctive industrial clusters")

    def ready(self) -> None:
        from littlegiant.accounts.roles import register_role_provider
        from littlegiant.clusters.permissions import county_authority_roles

        register_role_provider("clusters.county_authority", county_authority_roles, order=60)
