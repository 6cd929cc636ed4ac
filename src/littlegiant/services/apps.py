from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    name = "littlegiant.services"
    verbose_name = _("Service network")
