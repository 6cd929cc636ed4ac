from django.contrib import admin

from littlegiant.admin_bases import AuditTrailInline
from littlegiant.assessment.models import ScreeningEvent, ScreeningRun


class ScreeningEventInline(AuditTrailInline):
    model = ScreeningEvent


@admin.register(ScreeningRun)
class ScreeningRunAdmin(admin.ModelAdmin):
    list_display = ["pk", "requested_by", "region", "year", "status", "processed", "total", "created_at"]
    list_filter = ["status", "year"]
    list_select_related = ["requested_by", "region"]
    raw_id_fields = ["requested_by", "region"]
    readonly_fields = [
        "created_at",
        "started_at",
        "finished_at",
        "task_id",
        "summary",
        "error",
        "result_path",
    ]
    inlines = [ScreeningEventInline]
