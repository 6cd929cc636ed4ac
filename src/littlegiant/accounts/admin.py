"""Administration of people, reviewer jurisdictions, sign-in failures and demo accounts."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from littlegiant.accounts.forms import AdminSignInForm
from littlegiant.accounts.models import DemoAccount, LoginFailure, ReviewerAssignment, User

# The admin's sign-in goes through the site's throttle (security review F4: ten guesses, then the right one).
admin.site.login_form = AdminSignInForm


class ReviewerAssignmentInline(admin.TabularInline):
    model = ReviewerAssignment
    extra = 0
    autocomplete_fields = ["region"]
    fields = ["level", "region", "created_at"]
    readonly_fields = ["created_at"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = [
        *DjangoUserAdmin.fieldsets,
        (_("Contact"), {"fields": ["display_name", "phone"]}),
    ]
    list_display = ["username", "display_name", "email", "is_active", "is_superuser", "last_login"]
    search_fields = ["username", "display_name", "email", "first_name", "last_name"]
    inlines = [ReviewerAssignmentInline]


@admin.register(ReviewerAssignment)
class ReviewerAssignmentAdmin(admin.ModelAdmin):
    list_display = ["user", "level", "region", "created_at"]
    list_filter = ["level"]
    search_fields = ["user__username", "user__display_name", "region__name", "region__code"]
    autocomplete_fields = ["user", "region"]
    list_select_related = ["user", "region"]


@admin.register(LoginFailure)
class LoginFailureAdmin(admin.ModelAdmin):
    list_display = ["username", "address", "created_at"]
    search_fields = ["username", "address"]
    date_hierarchy = "created_at"
    readonly_fields = ["username", "address", "created_at"]

    def has_add_permission(self, request: object) -> bool:
        return False


@admin.register(DemoAccount)
class DemoAccountAdmin(admin.ModelAdmin):
    list_display = ["user", "role_en", "role_zh", "note"]
    autocomplete_fields = ["user"]
    list_select_related = ["user"]
