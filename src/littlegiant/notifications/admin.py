from django.contrib import admin

from littlegiant.notifications.models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("subject", "recipient", "created_at", "mail_status", "read_at")
    list_filter = ("mail_status",)
    search_fields = ("subject", "recipient__username")
    raw_id_fields = ("recipient",)
    readonly_fields = ("created_at",)
