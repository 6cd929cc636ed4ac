from django.contrib import admin

from littlegiant.policies.models import Policy, PolicyEvent, PolicyNotice, PolicyRun


@admin.register(Policy)
class PolicyAdmin(admin.ModelAdmin):
    list_display = ("title", "level", "region", "document_number", "valid_from", "valid_until", "status")
    list_filter = ("level", "status", "demo")
    search_fields = ("title", "issuer", "document_number")
    raw_id_fields = ("region", "created_by")


@admin.register(PolicyRun)
class PolicyRunAdmin(admin.ModelAdmin):
    list_display = ("policy", "region", "year", "status", "qualifying", "created_at")
    list_filter = ("status",)
    raw_id_fields = ("policy", "requested_by", "region")


admin.site.register(PolicyEvent)
admin.site.register(PolicyNotice)
