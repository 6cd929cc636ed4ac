"""The register in the admin: enterprises (a reviewer clears the duplicate flag here), filings, imports."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from littlegiant.enterprises.models import AnnualFiling, DataImport, Enterprise, Membership


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


class AnnualFilingInline(admin.TabularInline):
    """The years on file, each opening in its own page (a filing has fifty fields)."""

    model = AnnualFiling
    extra = 0
    fields = ["year", "employees", "operating_revenue", "rd_expense", "updated_at"]
    readonly_fields = ["updated_at"]
    show_change_link = True


@admin.register(Enterprise)
class EnterpriseAdmin(SimpleHistoryAdmin):
    list_display = ["name", "credit_code", "region", "industry", "possible_duplicate", "updated_at"]
    list_filter = ["possible_duplicate"]
    search_fields = ["name", "credit_code"]
    list_select_related = ["region", "industry"]
    raw_id_fields = ["region", "industry"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [MembershipInline, AnnualFilingInline]
    show_full_result_count = False


@admin.register(AnnualFiling)
class AnnualFilingAdmin(SimpleHistoryAdmin):
    list_display = ["enterprise", "year", "employees", "operating_revenue", "updated_at"]
    list_filter = ["year"]
    search_fields = ["enterprise__name", "enterprise__credit_code"]
    list_select_related = ["enterprise"]
    raw_id_fields = ["enterprise"]
    readonly_fields = ["created_at", "updated_at"]
    show_full_result_count = False


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "enterprise", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__display_name", "enterprise__name", "enterprise__credit_code"]
    list_select_related = ["user", "enterprise"]
    raw_id_fields = ["user", "enterprise"]


@admin.register(DataImport)
class DataImportAdmin(admin.ModelAdmin):
    list_display = [
        "file_name",
        "actor",
        "role",
        "rows",
        "enterprises_created",
        "filings_created",
        "filings_updated",
        "created_at",
    ]
    list_select_related = ["actor"]
    readonly_fields = [field.name for field in DataImport._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
