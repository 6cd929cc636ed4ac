from django.contrib import admin

from littlegiant.admin_bases import AuditTrailInline
from littlegiant.digital.models import Evaluation, EvaluationEvent


class EvaluationEventInline(AuditTrailInline):
    model = EvaluationEvent


@admin.register(Evaluation)
class EvaluationAdmin(admin.ModelAdmin):
    list_display = ["enterprise", "year", "status", "source", "total_points", "provisional_level"]
    list_filter = ["year", "status", "source", "provisional_level"]
    search_fields = ["enterprise__name", "enterprise__credit_code"]
    raw_id_fields = ["enterprise", "submitted_by"]
    # Scores are computed from the answers by the services; editing them here would break that link.
    readonly_fields = [
        "foundation_points",
        "management_points",
        "results_points",
        "total_points",
        "provisional_level",
        "weakest_dimension",
        "pledged_at",
        "submitted_at",
        "submitted_by",
        "answers",
        "sections_saved",
    ]
    inlines = [EvaluationEventInline]
