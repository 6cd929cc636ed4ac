from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FiguresConfig(AppConfig):
    name = "littlegiant.figures"
    label = "figures"
    verbose_name = _("Summary figures")

    def ready(self) -> None:
        from datetime import timedelta

        from littlegiant import periodic
        from littlegiant.figures.tasks import refresh_registry_counts

        periodic.declare(
            "figures.refresh_registry",
            refresh_registry_counts,
            every=timedelta(hours=1),
            description="Count the enterprises on the register by region and industry section for the dashboards.",
        )
