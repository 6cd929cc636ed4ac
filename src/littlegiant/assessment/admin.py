from django.contrib import admin

from littlegiant.assessment.models import ScreeningEvent, ScreeningRun


class ScreeningEventInline(admin.TabularInline):
    model = ScreeningEvent
    extra = 0
    can_delete = False
    readonly_fields = ["created_at", "actor", "role", "action", "from_state", "to_state", "comment"]


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
