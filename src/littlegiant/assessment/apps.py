from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "littlegiant.assessment"
    verbose_name = _("Self-assessment and screening")

    def ready(self) -> None:
        from littlegiant.assessment.services import fail_abandoned_screening
        from littlegiant.operations.signals import task_abandoned

        task_abandoned.connect(fail_abandoned_screening, dispatch_uid="littlegiant_fail_abandoned_screening")
