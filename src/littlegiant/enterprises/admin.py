"""Enterprises in the admin, with their yearly filings and the people who act for them."""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from littlegiant.enterprises.models import AnnualFiling, Enterprise, Membership


class AnnualFilingInline(admin.StackedInline):
    model = AnnualFiling
    extra = 0
    show_change_link = True
    classes = ["collapse"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Enterprise)
class EnterpriseAdmin(admin.ModelAdmin):
    list_display = ["name", "credit_code", "region", "industry", "possible_duplicate"]
    list_filter = ["possible_duplicate"]
    search_fields = ["name", "credit_code"]
    autocomplete_fields = ["region", "industry"]
    list_select_related = ["region", "industry"]
    inlines = [MembershipInline, AnnualFilingInline]
    # Counting 20,000 enterprises on every page is slow on PostgreSQL and tells an administrator nothing.
    show_full_result_count = False


@admin.register(AnnualFiling)
class AnnualFilingAdmin(SimpleHistoryAdmin):
    list_display = ["enterprise", "year", "employees", "operating_revenue", "rd_expense"]
    list_filter = ["year"]
    search_fields = ["enterprise__name", "enterprise__credit_code"]
    autocomplete_fields = ["enterprise"]
    list_select_related = ["enterprise"]
    show_full_result_count = False


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "enterprise", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__username", "enterprise__name", "enterprise__credit_code"]
    autocomplete_fields = ["user", "enterprise"]
    list_select_related = ["user", "enterprise"]
