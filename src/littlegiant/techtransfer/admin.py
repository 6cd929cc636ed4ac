from django.contrib import admin

from littlegiant.techtransfer import models


@admin.register(models.ResearchInstitution)
class ResearchInstitutionAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "region"]
    search_fields = ["name"]
    autocomplete_fields = ["region"]


@admin.register(models.TransferOfficer)
class TransferOfficerAdmin(admin.ModelAdmin):
    list_display = ["user", "institution", "created_at"]
    autocomplete_fields = ["user", "institution"]


@admin.register(models.PatentListing)
class PatentListingAdmin(admin.ModelAdmin):
    """Read-mostly: edits go through the officer's form so that the search index stays current."""

    list_display = ["application_number", "title", "institution", "status", "published_at"]
    list_filter = ["status", "royalty_basis", "institution"]
    search_fields = ["application_number", "title"]
    readonly_fields = [field.name for field in models.PatentListing._meta.fields]
    show_full_result_count = False


@admin.register(models.LicenceText)
class LicenceTextAdmin(admin.ModelAdmin):
    list_display = ["version", "effective_on"]


@admin.register(models.Licence)
class LicenceAdmin(admin.ModelAdmin):
    """Read-only: licences change through the services (acceptance, follow-up, statements)."""

    list_display = ["listing", "enterprise", "status", "starts_on", "paying_from", "ended_on"]
    list_filter = ["status"]
    readonly_fields = [field.name for field in models.Licence._meta.fields]


@admin.register(models.Statement)
class StatementAdmin(admin.ModelAdmin):
    list_display = ["licence", "period_start", "period_end", "amount_due", "due_on"]
    readonly_fields = [field.name for field in models.Statement._meta.fields]


@admin.register(models.TransferEvent)
class TransferEventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "listing", "licence", "actor", "role", "action", "from_state", "to_state"]
    readonly_fields = [field.name for field in models.TransferEvent._meta.fields]
