"""Administration of the service network: institutions (with categories and staff), offerings, requests."""

from __future__ import annotations

from django.contrib import admin

from littlegiant.admin_bases import AUDIT_TRAIL_FIELDS, AuditTrailInline
from littlegiant.services.models import (
    InstitutionCategory,
    InstitutionStaff,
    RequestAssignment,
    RequestEvent,
    ServiceInstitution,
    ServiceOffering,
    ServiceRating,
    ServiceRequest,
    ServiceSession,
)


class InstitutionCategoryInline(admin.TabularInline):
    model = InstitutionCategory
    extra = 1


class InstitutionStaffInline(admin.TabularInline):
    model = InstitutionStaff
    extra = 1
    autocomplete_fields = ["user"]


@admin.register(ServiceInstitution)
class ServiceInstitutionAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "level",
        "region",
        "kind",
        "demonstration",
        "capacity",
        "is_active",
        "is_synthetic",
    ]
    list_filter = ["level", "kind", "demonstration", "is_active", "is_synthetic"]
    search_fields = ["name", "region__name"]
    raw_id_fields = ["region", "parent"]
    inlines = [InstitutionCategoryInline, InstitutionStaffInline]


@admin.register(ServiceOffering)
class ServiceOfferingAdmin(admin.ModelAdmin):
    list_display = ["title", "institution", "category", "fee", "delivery", "is_active"]
    list_filter = ["category", "fee", "delivery", "is_active"]
    search_fields = ["title", "institution__name"]
    raw_id_fields = ["institution"]


class RequestAssignmentInline(admin.TabularInline):
    model = RequestAssignment
    extra = 0
    can_delete = False
    readonly_fields = ["institution", "reason", "routed_at", "responded_at", "ended_at", "outcome", "comment"]
    fields = readonly_fields


class RequestEventInline(AuditTrailInline):
    model = RequestEvent
    readonly_fields = [*AUDIT_TRAIL_FIELDS, "institution"]
    fields = readonly_fields


@admin.register(ServiceRequest)
class ServiceRequestAdmin(admin.ModelAdmin):
    """Read-mostly: state changes go through the request page so they are routed and logged."""

    list_display = ["pk", "title", "enterprise", "category", "status", "institution", "filed_at"]
    list_filter = ["status", "category", "urgency"]
    search_fields = ["title", "enterprise__name"]
    raw_id_fields = ["enterprise", "offering", "filed_by", "institution"]
    readonly_fields = [
        "status",
        "institution",
        "respond_by",
        "resolve_by",
        "first_response_at",
        "closed_at",
        "escalations",
    ]
    inlines = [RequestAssignmentInline, RequestEventInline]


@admin.register(ServiceSession)
class ServiceSessionAdmin(admin.ModelAdmin):
    list_display = [
        "request",
        "institution",
        "counsellor",
        "held_on",
        "mode",
        "contact_minutes",
        "preparation_minutes",
    ]
    list_filter = ["mode"]
    raw_id_fields = ["request", "institution", "counsellor"]


@admin.register(ServiceRating)
class ServiceRatingAdmin(admin.ModelAdmin):
    list_display = ["request", "institution", "score", "created_at"]
    list_filter = ["score"]
    raw_id_fields = ["request", "institution", "rated_by"]
