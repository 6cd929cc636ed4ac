from django.contrib import admin

from littlegiant.admin_bases import AuditTrailInline
from littlegiant.scenarios.models import Scenario, ScenarioEvent, ScenarioRun


class ScenarioEventInline(AuditTrailInline):
    model = ScenarioEvent


@admin.register(Scenario)
class ScenarioAdmin(admin.ModelAdmin):
    list_display = ["pk", "name", "kind", "base_pack_id", "compare_pack_id", "region", "year", "created_by"]
    list_filter = ["kind", "year"]
    list_select_related = ["created_by", "region"]
    raw_id_fields = ["created_by", "region"]
    readonly_fields = ["created_at"]
    inlines = [ScenarioEventInline]


@admin.register(ScenarioRun)
class ScenarioRunAdmin(admin.ModelAdmin):
    list_display = ["pk", "scenario", "status", "processed", "total", "created_at"]
    list_filter = ["status"]
    list_select_related = ["scenario"]
    raw_id_fields = ["scenario", "requested_by"]
    readonly_fields = ["created_at", "started_at", "finished_at", "task_id", "summary", "error"]
