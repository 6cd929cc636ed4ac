from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScenariosConfig(AppConfig):
    name = "littlegiant.scenarios"
    verbose_name = _("Policy what-if")

    def ready(self) -> None:
        from littlegiant.operations.signals import task_abandoned
        from littlegiant.scenarios.services import fail_abandoned_run

        task_abandoned.connect(fail_abandoned_run, dispatch_uid="littlegiant_fail_abandoned_scenario_run")
