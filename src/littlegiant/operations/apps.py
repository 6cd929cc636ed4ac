from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    name = "littlegiant.operations"
    verbose_name = _("Operations")

    def ready(self) -> None:
        from datetime import timedelta

        from littlegiant import periodic
        from littlegiant.operations import requestlog, tasks

        requestlog.connect_task_signals()
        periodic.declare(
            "operations.fail_abandoned_tasks",
            tasks.fail_abandoned_tasks,
            every=timedelta(minutes=1),
            description="Tasks whose worker stopped beating are marked failed, with the reason.",
        )
