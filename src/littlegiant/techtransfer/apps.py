from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TechtransferConfig(AppConfig):
    name = "littlegiant.techtransfer"
    verbose_name = _("Technology transfer")
