from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PoliciesConfig(AppConfig):
    name = "littlegiant.policies"
    label = "policies"
    verbose_name = _("Support policies")

    def ready(self) -> None:
        from littlegiant.operations.signals import task_abandoned
        from littlegiant.policies.services import fail_abandoned_run

        task_abandoned.connect(fail_abandoned_run, dispatch_uid="littlegiant_fail_abandoned_policy_run")
