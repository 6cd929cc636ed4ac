from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DigitalConfig(AppConfig):
    name = "littlegiant.digital"
    label = "digital"
    verbose_name = _("Digital level")

    def ready(self) -> None:
        from littlegiant.digital.levels import on_register_changed
        from littlegiant.enterprises.signals import register_changed

        # The snapshot copies the enterprise's region and name and the filings' MIIT-entered level.
        register_changed.connect(on_register_changed, dispatch_uid="digital_level_snapshot")
