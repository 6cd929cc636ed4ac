"""Reference tables in the admin, read-only: they are loaded from the published standards by migrations."""

from __future__ import annotations

from django.contrib import admin

from littlegiant.admin_bases import ReadOnlyAdmin
from littlegiant.reference.models import (
    IndustryClass,
    IndustryDivision,
    IndustryGroup,
    IndustrySection,
    Region,
    StrategicEmergingIndustry,
)


@admin.register(Region)
class RegionAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name"]
    list_select_related = ["parent"]


@admin.register(IndustrySection)
class IndustrySectionAdmin(ReadOnlyAdmin):
    list_display = ["letter", "name", "division_from", "division_to"]


@admin.register(IndustryDivision)
class IndustryDivisionAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "section"]
    list_filter = ["section"]
    search_fields = ["code", "name"]


@admin.register(IndustryGroup)
class IndustryGroupAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "division"]
    search_fields = ["code", "name"]
    list_select_related = ["division"]


@admin.register(IndustryClass)
class IndustryClassAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "group", "division", "size_industry"]
    list_filter = ["size_industry"]
    search_fields = ["code", "name"]
    list_select_related = ["division", "group"]


@admin.register(StrategicEmergingIndustry)
class StrategicEmergingIndustryAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name"]
