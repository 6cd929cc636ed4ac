"""Enterprises, their yearly data and the people who act for them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from littlegiant.accounts.jurisdiction import is_administrator
from littlegiant.enterprises.credit_code import validate_credit_code
from littlegiant.enterprises.permissions import MembershipRole, enterprise_scope
from littlegiant.permissions import is_signed_in
from littlegiant.reference.models import Region
from littlegiant.timestamps import Timestamped

if TYPE_CHECKING:
    from littlegiant.accounts.models import User


class EnterpriseQuerySet(models.QuerySet["Enterprise"]):
    def for_user(self, user: User) -> EnterpriseQuerySet:
        """The enterprises this user may see: the start of every list, page, export and API call."""
        return self.filter(enterprise_scope(user, prefix=""))

    def matching(
        self,
        *,
        text: str = "",
        region_code: str = "",
        industry_code: str = "",
        possible_duplicate: bool = False,
    ) -> EnterpriseQuerySet:
        """The list filters: name or credit-code prefix, inside a region, in an industry division or class."""
        queryset = self
        if text := text.strip():
            queryset = queryset.filter(Q(name__icontains=text) | Q(credit_code__startswith=text.upper()))
        if region_code := region_code.strip():
            path = Region.objects.filter(code=region_code).values_list("path", flat=True).first()
            queryset = queryset.filter(region__path__startswith=path) if path else queryset.none()
        if industry_code := industry_code.strip():
            queryset = queryset.filter(industry__code__startswith=industry_code)
        if possible_duplicate:
            queryset = queryset.filter(possible_duplicate=True)
        return queryset


class Enterprise(Timestamped):
    """An enterprise, identified by its unified social credit code (统一社会信用代码, GB 32100-2015)."""

    credit_code = models.CharField(
        _("unified social credit code"),
        max_length=18,
        unique=True,
        validators=[validate_credit_code],
        error_messages={"unique": _("An enterprise with this credit code already exists.")},
    )
    name = models.CharField(_("name"), max_length=200, db_index=True)
    region = models.ForeignKey(
        "reference.Region", on_delete=models.PROTECT, related_name="enterprises", verbose_name=_("region")
    )
    industry = models.ForeignKey(
        "reference.IndustryClass",
        on_delete=models.PROTECT,
        related_name="enterprises",
        verbose_name=_("industry"),
    )
    founded_on = models.DateField(_("founding date"), null=True, blank=True)
    # Same name in the same region as another enterprise: a reviewer should look (possible duplicate account).
    possible_duplicate = models.BooleanField(_("possible duplicate"), default=False, db_index=True)
    history = HistoricalRecords()

    objects = EnterpriseQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")
        indexes = [models.Index(fields=["region", "name"], name="enterprise_region_name")]

    def __str__(self) -> str:
        return self.name


class AnnualFiling(Timestamped):
    """One enterprise's data for one reference year (上年度), in the canonical fields of enterprise-data.md.

    An empty field is unknown, never zero (decision D5).
    """

    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="filings")
    year = models.PositiveSmallIntegerField(_("reference year"))
    employees = models.PositiveIntegerField(_("Persons employed"), null=True, blank=True)
    operating_revenue = models.DecimalField(
        _("Operating revenue"), max_digits=20, decimal_places=2, null=True, blank=True
    )
    operating_revenue_prev = models.DecimalField(
        _("Operating revenue, year before"), max_digits=20, decimal_places=2, null=True, blank=True
    )
    operating_revenue_prev2 = models.DecimalField(
        _("Operating revenue, two years before"), max_digits=20, decimal_places=2, null=True, blank=True
    )
    main_business_revenue = models.DecimalField(
        _("Main-business revenue"), max_digits=20, decimal_places=2, null=True, blank=True
    )
    main_business_revenue_prev = models.DecimalField(
        _("Main-business revenue, year before"), max_digits=20, decimal_places=2, null=True, blank=True
    )
    main_business_revenue_prev2 = models.DecimalField(
        _("Main-business revenue, two years before"), max_digits=20, decimal_places=2, null=True, blank=True
    )
    total_assets = models.DecimalField(
        _("Total assets at year end"), max_digits=20, decimal_places=2, null=True, blank=True
    )
    total_liabilities = models.DecimalField(
        _("Total liabilities at year end"), max_digits=20, decimal_places=2, null=True, blank=True
    )
    net_profit = models.DecimalField(_("Net profit"), max_digits=20, decimal_places=2, null=True, blank=True)
    rd_expense = models.DecimalField(_("R&D expense"), max_digits=20, decimal_places=2, null=True, blank=True)
    rd_expense_prev = models.DecimalField(
        _("R&D expense, year before"), max_digits=20, decimal_places=2, null=True, blank=True
    )
    rd_staff = models.PositiveIntegerField(_("R&D staff"), null=True, blank=True)
    equity_financing_2y = models.DecimalField(
        _("New equity financing, last 2 years"), max_digits=20, decimal_places=2, null=True, blank=True
    )
    equity_financing_3y = models.DecimalField(
        _("New equity financing, last 3 years"), max_digits=20, decimal_places=2, null=True, blank=True
    )
    niche_years = models.DecimalField(
        _("Years in the niche market"), max_digits=9, decimal_places=3, null=True, blank=True
    )
    national_niche_market_share = models.DecimalField(
        _("National niche market share"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    ip_class1 = models.PositiveIntegerField(_("Class-I IP rights"), null=True, blank=True)
    ip_class1_self_developed = models.PositiveIntegerField(
        _("Self-developed Class-I IP"), null=True, blank=True
    )
    ip_class1_high_value = models.PositiveIntegerField(_("Class-I high-value IP"), null=True, blank=True)
    ip_class1_applied = models.PositiveIntegerField(
        _("Class-I IP applied with economic benefit"), null=True, blank=True
    )
    ip_class2 = models.PositiveIntegerField(_("Class-II IP rights"), null=True, blank=True)
    main_product_strategic_emerging = models.BooleanField(
        _("Main product in a strategic emerging industry"), null=True, blank=True
    )
    main_product_chain_role = models.CharField(
        _("Main product's role in the industrial chain"),
        max_length=32,
        null=True,
        blank=True,
        choices=[
            ("key_link_results", "key_link_results"),
            ("foundation_or_supplier", "foundation_or_supplier"),
            ("none", "none"),
        ],
    )
    digital_level = models.PositiveSmallIntegerField(_("Digital level (1-4)"), null=True, blank=True)
    quality_provincial_award = models.BooleanField(
        _("Provincial-or-higher quality award"), null=True, blank=True
    )
    quality_system_certified = models.BooleanField(
        _("Quality management system certified"), null=True, blank=True
    )
    own_brand = models.BooleanField(_("Own brand"), null=True, blank=True)
    standards_participation = models.BooleanField(_("Took part in drafting standards"), null=True, blank=True)
    local_indicator_score = models.DecimalField(
        _("Local indicator score (0-15)"), max_digits=9, decimal_places=3, null=True, blank=True
    )
    rd_institution_level = models.CharField(
        _("Level of R&D institution"),
        max_length=32,
        null=True,
        blank=True,
        choices=[
            ("none", "none"),
            ("below_municipal", "below_municipal"),
            ("municipal", "municipal"),
            ("provincial", "provincial"),
            ("national", "national"),
        ],
    )
    provincial_award_best_rank_3y = models.PositiveIntegerField(
        _("Best rank in a provincial S&T award, 3 years"), null=True, blank=True
    )
    national_award_best_rank_3y = models.PositiveIntegerField(
        _("Best rank in a national S&T award, 3 years"), null=True, blank=True
    )
    innovation_honour_valid = models.BooleanField(
        _("Holds a valid innovation honour (HNTE etc.)"), null=True, blank=True
    )
    makers_china_top500_3y = models.BooleanField(
        _("Makers China national top 500, 3 years"), null=True, blank=True
    )
    it_supported_core_processes = models.PositiveIntegerField(
        _("Core processes supported by IT systems"), null=True, blank=True
    )
    management_or_intl_certification = models.BooleanField(
        _("Management-system or developed-country product certification"), null=True, blank=True
    )
    chain_key_link = models.BooleanField(_("At a key link of the industrial chain"), null=True, blank=True)
    main_product_key_field = models.BooleanField(_("Main product in a key field"), null=True, blank=True)
    holds_tech_innovative_title = models.BooleanField(
        _("Holds a tech-and-innovative SME title"), null=True, blank=True
    )
    holds_srdi_title = models.BooleanField(_("Holds an SRDI SME title"), null=True, blank=True)
    development_eval_score = models.DecimalField(
        _("SRDI development evaluation score"), max_digits=9, decimal_places=3, null=True, blank=True
    )
    development_eval_score_prev = models.DecimalField(
        _("SRDI development evaluation score, last year"),
        max_digits=9,
        decimal_places=3,
        null=True,
        blank=True,
    )
    market_share_leading = models.BooleanField(
        _("Main product's market share relatively high"), null=True, blank=True
    )
    niche_market_rank_domestic = models.PositiveIntegerField(
        _("Domestic niche market rank"), null=True, blank=True
    )
    international_niche_market_share = models.DecimalField(
        _("International niche market share"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    independent_legal_person = models.BooleanField(
        _("Independent legal person registered in the PRC"), null=True, blank=True
    )
    listed_abnormal_or_dishonest = models.BooleanField(
        _("On the abnormal-operations or dishonesty list"), null=True, blank=True
    )
    restricted_industry = models.BooleanField(
        _("Prohibited, restricted or eliminated category"), null=True, blank=True
    )
    incident_or_violation_3y = models.BooleanField(
        _("Major incident or violation in the last 3 years"), null=True, blank=True
    )
    # R&D super-deduction and income tax of the tax year (enterprise-data.md; criteria.md §6, D12-D16)
    rd_personnel = models.DecimalField(
        _("R&D personnel costs (item 1)"), max_digits=20, decimal_places=2, null=True, blank=True
    )
    rd_direct_inputs = models.DecimalField(
        _("R&D direct inputs (item 2)"), max_digits=20, decimal_places=2, null=True, blank=True
    )
    rd_depreciation = models.DecimalField(
        _("R&D depreciation (item 3)"), max_digits=20, decimal_places=2, null=True, blank=True
    )
    rd_amortisation = models.DecimalField(
        _("R&D amortisation of intangible assets (item 4)"),
        max_digits=20,
        decimal_places=2,
        null=True,
        blank=True,
    )
    rd_design_fees = models.DecimalField(
        _("New-product design and similar fees (item 5)"),
        max_digits=20,
        decimal_places=2,
        null=True,
        blank=True,
    )
    rd_other_related = models.DecimalField(
        _("Other related R&D expenses, before the 10 per cent cap (item 6)"),
        max_digits=20,
        decimal_places=2,
        null=True,
        blank=True,
    )
    rd_commissioned_domestic = models.DecimalField(
        _("R&D commissioned in China, amount paid"), max_digits=20, decimal_places=2, null=True, blank=True
    )
    rd_commissioned_overseas = models.DecimalField(
        _("R&D commissioned overseas, amount paid"), max_digits=20, decimal_places=2, null=True, blank=True
    )
    rd_capitalised_amortisation = models.DecimalField(
        _("This year's amortisation of intangible assets formed by R&D"),
        max_digits=20,
        decimal_places=2,
        null=True,
        blank=True,
    )
    taxable_income = models.DecimalField(
        _("Taxable income before the R&D additional deduction"),
        max_digits=20,
        decimal_places=2,
        null=True,
        blank=True,
    )
    hnte = models.BooleanField(
        _("Valid high and new technology enterprise certificate"), null=True, blank=True
    )
    ic_or_mother_machine_listed = models.BooleanField(
        _("On the IC or industrial-mother-machine enterprise list"), null=True, blank=True
    )
    employees_avg = models.DecimalField(
        _("Annual average head-count"), max_digits=12, decimal_places=3, null=True, blank=True
    )
    total_assets_avg = models.DecimalField(
        _("Annual average total assets"), max_digits=20, decimal_places=2, null=True, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["enterprise", "-year"]
        verbose_name = _("annual filing")
        verbose_name_plural = _("annual filings")
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "year"],
                name="one_filing_per_enterprise_year",
                violation_error_message=_("This enterprise already has data for that year."),
            ),
            models.CheckConstraint(
                condition=Q(rd_staff__isnull=True)
                | Q(employees__isnull=True)
                | Q(rd_staff__lte=F("employees")),
                name="rd_staff_within_employees",
                violation_error_message=_("R&D staff cannot exceed persons employed."),
            ),
            models.CheckConstraint(
                condition=Q(ip_class1__isnull=True)
                | Q(ip_class1_self_developed__isnull=True)
                | Q(ip_class1_self_developed__lte=F("ip_class1")),
                name="self_developed_ip_within_class1",
                violation_error_message=_("Self-developed Class-I IP cannot exceed all Class-I IP."),
            ),
            models.CheckConstraint(
                condition=Q(ip_class1__isnull=True)
                | Q(ip_class1_high_value__isnull=True)
                | Q(ip_class1_high_value__lte=F("ip_class1")),
                name="high_value_ip_within_class1",
                violation_error_message=_("High-value Class-I IP cannot exceed all Class-I IP."),
            ),
            models.CheckConstraint(
                condition=Q(national_niche_market_share__isnull=True)
                | Q(national_niche_market_share__gte=0, national_niche_market_share__lte=1),
                name="national_share_is_a_fraction",
                violation_error_message=_("A market share is a fraction between 0 and 1."),
            ),
            models.CheckConstraint(
                condition=Q(international_niche_market_share__isnull=True)
                | Q(international_niche_market_share__gte=0, international_niche_market_share__lte=1),
                name="international_share_is_a_fraction",
                violation_error_message=_("A market share is a fraction between 0 and 1."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.year}"


class Membership(models.Model):
    """A person acting for an enterprise: the owner, a delegate who applies, a contributor who edits data."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=16, choices=MembershipRole.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "enterprise"],
                name="one_membership_per_user_enterprise",
                violation_error_message=_("This person already acts for this enterprise."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.enterprise} · {self.get_role_display()}"


class DataImportQuerySet(models.QuerySet["DataImport"]):
    def for_user(self, user: User) -> DataImportQuerySet:
        """Imports a person may see: their own; an administrator sees all."""
        if is_administrator(user):
            return self
        if not is_signed_in(user):
            return self.none()
        return self.filter(actor=user)


class DataImport(models.Model):
    """A file of enterprise data written to the register: who imported it, acting as what, and what changed.

    Only complete imports are recorded; a file with a bad row writes nothing, not even this record.
    """

    file_name = models.CharField(_("file name"), max_length=255)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="data_imports",
        verbose_name=_("imported by"),
    )
    role = models.CharField(_("acting as"), max_length=64)
    rows = models.PositiveIntegerField(_("rows"))
    enterprises_created = models.PositiveIntegerField(_("enterprises created"))
    enterprises_updated = models.PositiveIntegerField(_("enterprises updated"))
    filings_created = models.PositiveIntegerField(_("filings created"))
    filings_updated = models.PositiveIntegerField(_("filings updated"))
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("imported at"), auto_now_add=True)

    objects = DataImportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("data import")
        verbose_name_plural = _("data imports")

    def __str__(self) -> str:
        return f"{self.file_name} · {self.created_at:%Y-%m-%d %H:%M}"
