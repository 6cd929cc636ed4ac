"""Summary tables: the counts the dashboards read, kept by the services that change titles, requests and
licences, in the same transaction as the change (and rebuilt from scratch by `littlegiant figures rebuild`).

Every table is keyed by the region its rows count in (a `reference.Region`), so a jurisdiction filters it
with `accounts.jurisdiction.region_scope` like any other list, and a dashboard groups it by the child region
of the path. Dimensions are never NULL (an unknown is the empty string) so the unique keys hold.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class TitleCount(models.Model):
    """Titles granted, by where, what and when they hold (有效期): whether a title is valid on a day is a matter
    of its dates, so expiry changes no row; a revocation moves the title into the row of its revocation year.

    `revoked_year` is 0 for titles not revoked. Each title is counted twice: once at its own region (grain
    "region", what a province, city or county reads) and once at its province (grain "province", what the
    national page reads: 34 regions instead of 2,800 counties, so the country is summed from few rows).
    """

    class Grain(models.TextChoices):
        REGION = "own_region", _("Region")
        PROVINCE = "own_province", _("Province")

    grain = models.CharField(_("grain"), max_length=12, choices=Grain.choices, default=Grain.REGION)
    region = models.ForeignKey("reference.Region", on_delete=models.PROTECT, related_name="+")
    section = models.CharField(_("industry section"), max_length=1, blank=True)
    size_class = models.CharField(_("size class"), max_length=8, blank=True)
    tier = models.CharField(_("tier"), max_length=20)
    batch_id = models.PositiveIntegerField(_("recognition batch"))
    batch_year = models.PositiveSmallIntegerField(_("year of the batch"))
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    revoked_year = models.PositiveSmallIntegerField(_("year revoked"), default=0)
    n = models.IntegerField(_("titles"), default=0)

    class Meta:
        verbose_name = _("title count")
        verbose_name_plural = _("title counts")
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "grain",
                    "region",
                    "section",
                    "size_class",
                    "tier",
                    "batch_id",
                    "valid_from",
                    "valid_until",
                    "revoked_year",
                ],
                name="one_title_count_per_key",
            )
        ]
        indexes = [models.Index(fields=["grain", "region"], name="title_count_grain_region")]

    def __str__(self) -> str:
        return f"{self.region_id} · {self.tier} · {self.valid_from}–{self.valid_until} · {self.n}"


class Tally(models.Model):
    """A count (and a sum) of one measure by region and up to two keys: service requests filed, closed and
    rated by category, listings published, licences by stage, royalties paid.

    `n` may go down (a licence leaves a stage, a listing is withdrawn); `amount` sums scores or yuan.
    """

    class Measure(models.TextChoices):
        REQUESTS_FILED = "requests_filed", _("Service requests filed")
        REQUESTS_CLOSED = "requests_closed", _("Service requests closed")
        RATINGS = "ratings", _("Ratings given")
        LISTINGS = "listings", _("Patents listed")
        LICENCES = "licences", _("Licences by stage")
        ROYALTIES = "royalties", _("Royalties paid")

    measure = models.CharField(_("measure"), max_length=20, choices=Measure.choices)
    region = models.ForeignKey("reference.Region", on_delete=models.PROTECT, related_name="+")
    key = models.CharField(_("key"), max_length=24, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), default=0)
    n = models.IntegerField(_("count"), default=0)
    amount = models.DecimalField(_("amount"), max_digits=20, decimal_places=2, default=0)

    class Meta:
        verbose_name = _("tally")
        verbose_name_plural = _("tallies")
        constraints = [
            models.UniqueConstraint(fields=["measure", "region", "key", "year"], name="one_tally_per_key")
        ]

    def __str__(self) -> str:
        return f"{self.measure} · {self.region_id} · {self.key} · {self.year} · {self.n}"


class RegistryCount(models.Model):
    """Enterprises on the register by region and industry section: refreshed from the register by a periodic
    job and by the rebuild (the register's own imports sit below this app and cannot call it)."""

    region = models.ForeignKey("reference.Region", on_delete=models.PROTECT, related_name="+")
    section = models.CharField(_("industry section"), max_length=1, blank=True)
    n = models.IntegerField(_("enterprises"), default=0)
    counted_at = models.DateTimeField(_("counted at"))

    class Meta:
        verbose_name = _("registry count")
        verbose_name_plural = _("registry counts")
        constraints = [
            models.UniqueConstraint(fields=["region", "section"], name="one_registry_count_per_key")
        ]

    def __str__(self) -> str:
        return f"{self.region_id} · {self.section} · {self.n}"


class RegionalRollup(models.Model):
    """Demonstration totals for a province outside the demo province (the seed's national figures spread over
    provinces): counted beside the platform's own rows on the national page, always marked as demo data."""

    region = models.ForeignKey("reference.Region", on_delete=models.CASCADE, related_name="+")
    registry = models.PositiveIntegerField(_("enterprises"), default=0)
    innovative_sme = models.PositiveIntegerField(_("innovative SMEs"), default=0)
    srdi_sme = models.PositiveIntegerField(_("SRDI SMEs"), default=0)
    little_giant = models.PositiveIntegerField(_("little giants"), default=0)
    note = models.CharField(_("note"), max_length=200)

    class Meta:
        verbose_name = _("regional roll-up (demo)")
        verbose_name_plural = _("regional roll-ups (demo)")
        constraints = [models.UniqueConstraint(fields=["region"], name="one_rollup_per_region")]

    def __str__(self) -> str:
        return f"{self.region_id} (demo)"
