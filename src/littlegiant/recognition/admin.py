"""Administration: programmes and their review stages are data that administrators create and change."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from littlegiant.admin_bases import ReadOnlyAdmin
from littlegiant.recognition.models import (
    Application,
    ApplicationVersion,
    ChangeReport,
    Event,
    Expert,
    ExpertDraw,
    Objection,
    Programme,
    PublicNotice,
    Recognition,
    RecognitionBatch,
    ReviewStage,
    SpotCheckDraw,
)


class ReviewStageInline(admin.TabularInline):
    model = ReviewStage
    extra = 0
    fields = [
        "order",
        "level",
        "opens_on",
        "closes_on",
        "spot_check",
        "expert_review",
        "expert_count",
        "exclude_same_province_experts",
        "public_notice",
        "notice_days",
    ]


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "tier",
        "year",
        "kind",
        "pack_id",
        "applications_open_on",
        "applications_close_on",
    ]
    list_filter = ["tier", "kind", "year"]
    search_fields = ["title"]
    inlines = [ReviewStageInline]
    fieldsets = [
        (None, {"fields": ["title", "tier", "year", "kind", "pack_id"]}),
        (_("Dates"), {"fields": ["applications_open_on", "applications_close_on"]}),
        (_("Expert review"), {"fields": ["expert_pass_mark", "review_form"]}),
    ]


class ApplicationVersionInline(admin.TabularInline):
    model = ApplicationVersion
    extra = 0
    fields = ["number", "submitted_at", "submitted_by", "pack_id"]
    readonly_fields = fields
    can_delete = False


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin):
    list_display = ["enterprise", "programme", "status", "current_stage", "submitted_at"]
    list_filter = ["status", "programme"]
    search_fields = ["enterprise__name", "enterprise__credit_code"]
    list_select_related = ["enterprise", "programme", "current_stage__programme"]
    inlines = [ApplicationVersionInline]
    show_full_result_count = False


@admin.register(Expert)
class ExpertAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "region", "fields", "active"]
    list_filter = ["active"]
    search_fields = ["name", "organisation", "fields"]
    autocomplete_fields = ["region", "user"]
    filter_horizontal = ["linked_enterprises"]


@admin.register(Recognition)
class RecognitionAdmin(ReadOnlyAdmin):
    list_display = ["enterprise", "tier", "valid_from", "valid_until", "review_eligible", "revoked_at"]
    list_filter = ["tier", "review_eligible"]
    search_fields = ["enterprise__name", "certificate_code"]
    list_select_related = ["enterprise"]


for model in (ExpertDraw, SpotCheckDraw, PublicNotice, Objection, RecognitionBatch, ChangeReport, Event):
    admin.site.register(model, ReadOnlyAdmin)
