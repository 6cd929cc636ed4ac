from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecognitionConfig(AppConfig):
    name = "littlegiant.recognition"
    verbose_name = _("Recognition")

    def ready(self) -> None:
        from datetime import timedelta

        from littlegiant import periodic
        from littlegiant.recognition.tasks import flag_missed_annual_updates

        periodic.declare(
            "recognition.flag_missed_annual_updates",
            flag_missed_annual_updates,
            every=timedelta(days=1),
            description="Titles whose yearly data update is missing after 30 April lose review eligibility.",
        )
