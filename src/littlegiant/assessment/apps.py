from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "littlegiant.assessment"
    verbose_name = _("Self-assessment and screening")
