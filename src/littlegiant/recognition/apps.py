from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecognitionConfig(AppConfig):
    name = "littlegiant.recognition"
    verbose_name = _("Recognition")

    def ready(self) -> None:
        from datetime import timedelta

        from littlegiant import periodic
        from littlegiant.clusters.titles import register_title_source
        from littlegiant.recognition.services.clusters import valid_titles
        from littlegiant.recognition.tasks import flag_missed_annual_updates, remind_cluster_reports

        # The clusters app (below) counts its members' titles from here (aspect 2, criteria.md §8.3).
        register_title_source("recognition", valid_titles)
        periodic.declare(
            "recognition.remind_cluster_reports",
            remind_cluster_reports,
            every=timedelta(days=1),
            description="Remind counties and provinces of the cluster development reports due by 30 April.",
        )

        periodic.declare(
            "recognition.flag_missed_annual_updates",
            flag_missed_annual_updates,
            every=timedelta(days=1),
            description="Titles whose yearly data update is missing after 30 April lose review eligibility.",
        )
