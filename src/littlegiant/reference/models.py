"""Reference tables: regions (GB/T 2260), industries (GB/T 4754-2017), strategic emerging industries."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from littlegiant.model_fields import optional_foreign_key


class RegionLevel(models.TextChoices):
    PROVINCE = "province", _("Province")
    PREFECTURE = "prefecture", _("Prefecture")
    COUNTY = "county", _("County")


class GovernmentLevel(models.TextChoices):
    """A level of government, from the top down: the one that issues a policy, or that an institution serves."""

    NATIONAL = "national", _("National")
    PROVINCIAL = "provincial", _("Provincial")
    MUNICIPAL = "municipal", _("Municipal")
    COUNTY = "county", _("County")


# The level of region each level of government below the national one acts for (the national one has none).
REGION_LEVEL_OF = {
    GovernmentLevel.PROVINCIAL: RegionLevel.PROVINCE,
    GovernmentLevel.MUNICIPAL: RegionLevel.PREFECTURE,
    GovernmentLevel.COUNTY: RegionLevel.COUNTY,
}


class RegionQuerySet(models.QuerySet["Region"]):
    def within(self, region: Region) -> RegionQuerySet:
        """The region itself and every region below it."""
        return self.filter(path__startswith=region.path)


class Region(models.Model):
    """An administrative region: province, prefecture-level city or county-level unit (GB/T 2260).

    `path` holds the codes from the province down, each followed by a slash ("330000/330100/330102/"),
    so that "everything inside this region" is one indexed prefix match on any database.
    The counties of the four municipalities hang directly from the province.
    """

    code = models.CharField(_("code"), max_length=6, primary_key=True)
    name = models.CharField(_("name"), max_length=64)
    level = models.CharField(_("level"), max_length=16, choices=RegionLevel.choices)
    parent = optional_foreign_key("self", related_name="children", verbose_name=_("parent"))
    path = models.CharField(_("path"), max_length=32, db_index=True)
    province_code = models.CharField(_("province code"), max_length=6, db_index=True)

    objects = RegionQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def contains(self, other: Region) -> bool:
        return other.path.startswith(self.path)

    def ancestors(self) -> list[Region]:
        """From the province down to this region, inclusive."""
        codes = [code for code in self.path.split("/") if code]
        by_code = Region.objects.in_bulk(codes)
        return [by_code[code] for code in codes if code in by_code]


class IndustrySection(models.Model):
    """A section (门类) A–T of GB/T 4754-2017."""

    letter = models.CharField(_("section"), max_length=1, primary_key=True)
    name = models.CharField(_("name"), max_length=64)
    division_from = models.CharField(_("first division"), max_length=2)
    division_to = models.CharField(_("last division"), max_length=2)

    class Meta:
        ordering = ["letter"]
        verbose_name = _("industry section")
        verbose_name_plural = _("industry sections")

    def __str__(self) -> str:
        return f"{self.letter} {self.name}"


class IndustryDivision(models.Model):
    """A division (大类) of GB/T 4754-2017, identified by two digits."""

    code = models.CharField(_("division"), max_length=2, primary_key=True)
    name = models.CharField(_("name"), max_length=64, blank=True)
    section = models.ForeignKey(IndustrySection, on_delete=models.PROTECT, related_name="divisions")

    class Meta:
        ordering = ["code"]
        verbose_name = _("industry division")
        verbose_name_plural = _("industry divisions")

    def __str__(self) -> str:
        return f"{self.code} {self.name}".strip()


class IndustryGroup(models.Model):
    """A group (中类) of GB/T 4754-2017, three digits; its first two digits are the division."""

    code = models.CharField(_("group"), max_length=3, primary_key=True)
    name = models.CharField(_("name"), max_length=64)
    division = models.ForeignKey(IndustryDivision, on_delete=models.PROTECT, related_name="groups")

    class Meta:
        ordering = ["code"]
        verbose_name = _("industry group")
        verbose_name_plural = _("industry groups")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class IndustryClass(models.Model):
    """A class (小类) of GB/T 4754-2017, four digits; its first two digits are the division, three the group.

    `size_industry` is the industry of the 2011 size classification it falls in (criteria.md §1.4b).
    """

    code = models.CharField(_("class"), max_length=4, primary_key=True)
    name = models.CharField(_("name"), max_length=128)
    division = models.ForeignKey(IndustryDivision, on_delete=models.PROTECT, related_name="classes")
    group = optional_foreign_key(IndustryGroup, related_name="classes")
    size_industry = models.CharField(_("size-classification industry"), max_length=32)
    name_possibly_truncated = models.BooleanField(default=False)

    class Meta:
        ordering = ["code"]
        verbose_name = _("industry class")
        verbose_name_plural = _("industry classes")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class StrategicEmergingIndustry(models.Model):
    """An item of the Strategic Emerging Industries Classification (2018), levels 1 and 2."""

    code = models.CharField(_("code"), max_length=8, primary_key=True)
    name = models.CharField(_("name"), max_length=64)
    level = models.PositiveSmallIntegerField(_("level"))
    parent = optional_foreign_key("self", related_name="children")

    class Meta:
        ordering = ["code"]
        verbose_name = _("strategic emerging industry")
        verbose_name_plural = _("strategic emerging industries")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"
