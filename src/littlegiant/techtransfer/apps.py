from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TechtransferConfig(AppConfig):
    name = "littlegiant.techtransfer"
    verbose_name = _("Technology transfer")

    def ready(self) -> None:
        from datetime import timedelta

        from littlegiant import periodic
        from littlegiant.techtransfer.tasks import follow_up_licences

        periodic.declare(
            "techtransfer.follow_up_licences",
            follow_up_licences,
            every=timedelta(days=1),
            description="Remind licensees before the free period ends, start paying stages, expire licences.",
        )
