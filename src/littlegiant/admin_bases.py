"""The admin classes every app's `admin.py` builds on: records shown but never changed by hand, and the inline
of an audit trail (the platform's `audit.AuditEvent`)."""

from __future__ import annotations

from django.contrib import admin

# An audit event's own columns, in the order a trail reads; an app's inline adds what its events are about.
AUDIT_TRAIL_FIELDS = ["created_at", "actor", "role", "action", "region", "from_state", "to_state", "comment"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records written only by services or loaded by migrations: administrators browse and search them, never add,
    change or delete one by hand (a wrong row is fixed where it comes from)."""

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False


class AuditTrailInline(admin.TabularInline):
    """An object's audit trail under it in the admin, read-only: entries are written by `record()` alone."""

    extra = 0
    can_delete = False
    readonly_fields = AUDIT_TRAIL_FIELDS
    fields = readonly_fields
