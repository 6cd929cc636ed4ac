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
from littlegiant.model_fields import (
    money_field,
    optional_person_field,
    unknown_count_field,
    unknown_decimal_field,
    unknown_flag_field,
)
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
    employees = unknown_count_field(_("Persons employed"))
    operating_revenue = money_field(_("Operating revenue"))
    operating_revenue_prev = money_field(_("Operating revenue, year before"))
    operating_revenue_prev2 = money_field(_("Operating revenue, two years before"))
    main_business_revenue = money_field(_("Main-business revenue"))
    main_business_revenue_prev = money_field(_("Main-business revenue, year before"))
    main_business_revenue_prev2 = money_field(_("Main-business revenue, two years before"))
    total_assets = money_field(_("Total assets at year end"))
    total_liabilities = money_field(_("Total liabilities at year end"))
    net_profit = money_field(_("Net profit"))
    rd_expense = money_field(_("R&D expense"))
    rd_expense_prev = money_field(_("R&D expense, year before"))
    rd_staff = unknown_count_field(_("R&D staff"))
    equity_financing_2y = money_field(_("New equity financing, last 2 years"))
    equity_financing_3y = money_field(_("New equity financing, last 3 years"))
    niche_years = unknown_decimal_field(_("Years in the niche market"), max_digits=9, decimal_places=3)
    national_niche_market_share = unknown_decimal_field(
        _("National niche market share"), max_digits=9, decimal_places=6
    )
    ip_class1 = unknown_count_field(_("Class-I IP rights"))
    ip_class1_self_developed = unknown_count_field(_("Self-developed Class-I IP"))
    ip_class1_high_value = unknown_count_field(_("Class-I high-value IP"))
    ip_class1_applied = unknown_count_field(_("Class-I IP applied with economic benefit"))
    ip_class2 = unknown_count_field(_("Class-II IP rights"))
    main_product_strategic_emerging = unknown_flag_field(_("Main product in a strategic emerging industry"))
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
    quality_provincial_award = unknown_flag_field(_("Provincial-or-higher quality award"))
    quality_system_certified = unknown_flag_field(_("Quality management system certified"))
    own_brand = unknown_flag_field(_("Own brand"))
    standards_participation = unknown_flag_field(_("Took part in drafting standards"))
    local_indicator_score = unknown_decimal_field(
        _("Local indicator score (0-15)"), max_digits=9, decimal_places=3
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
    provincial_award_best_rank_3y = unknown_count_field(_("Best rank in a provincial S&T award, 3 years"))
    national_award_best_rank_3y = unknown_count_field(_("Best rank in a national S&T award, 3 years"))
    innovation_honour_valid = unknown_flag_field(_("Holds a valid innovation honour (HNTE etc.)"))
    makers_china_top500_3y = unknown_flag_field(_("Makers China national top 500, 3 years"))
    it_supported_core_processes = unknown_count_field(_("Core processes supported by IT systems"))
    management_or_intl_certification = unknown_flag_field(
        _("Management-system or developed-country product certification")
    )
    chain_key_link = unknown_flag_field(_("At a key link of the industrial chain"))
    main_product_key_field = unknown_flag_field(_("Main product in a key field"))
    holds_tech_innovative_title = unknown_flag_field(_("Holds a tech-and-innovative SME title"))
    holds_srdi_title = unknown_flag_field(_("Holds an SRDI SME title"))
    development_eval_score = unknown_decimal_field(
        _("SRDI development evaluation score"), max_digits=9, decimal_places=3
    )
    development_eval_score_prev = unknown_decimal_field(
        _("SRDI development evaluation score, last year"), max_digits=9, decimal_places=3
    )
    market_share_leading = unknown_flag_field(_("Main product's market share relatively high"))
    niche_market_rank_domestic = unknown_count_field(_("Domestic niche market rank"))
    international_niche_market_share = unknown_decimal_field(
        _("International niche market share"), max_digits=9, decimal_places=6
    )
    independent_legal_person = unknown_flag_field(_("Independent legal person registered in the PRC"))
    listed_abnormal_or_dishonest = unknown_flag_field(_("On the abnormal-operations or dishonesty list"))
    restricted_industry = unknown_flag_field(_("Prohibited, restricted or eliminated category"))
    incident_or_violation_3y = unknown_flag_field(_("Major incident or violation in the last 3 years"))
    # R&D super-deduction and income tax of the tax year (enterprise-data.md; criteria.md §6, D12-D16)
    rd_personnel = money_field(_("R&D personnel costs (item 1)"))
    rd_direct_inputs = money_field(_("R&D direct inputs (item 2)"))
    rd_depreciation = money_field(_("R&D depreciation (item 3)"))
    rd_amortisation = money_field(_("R&D amortisation of intangible assets (item 4)"))
    rd_design_fees = money_field(_("New-product design and similar fees (item 5)"))
    rd_other_related = money_field(_("Other related R&D expenses, before the 10 per cent cap (item 6)"))
    rd_commissioned_domestic = money_field(_("R&D commissioned in China, amount paid"))
    rd_commissioned_overseas = money_field(_("R&D commissioned overseas, amount paid"))
    rd_capitalised_amortisation = money_field(
        _("This year's amortisation of intangible assets formed by R&D")
    )
    taxable_income = money_field(_("Taxable income before the R&D additional deduction"))
    hnte = unknown_flag_field(_("Valid high and new technology enterprise certificate"))
    ic_or_mother_machine_listed = unknown_flag_field(
        _("On the IC or industrial-mother-machine enterprise list")
    )
    employees_avg = unknown_decimal_field(_("Annual average head-count"), max_digits=12, decimal_places=3)
    total_assets_avg = money_field(_("Annual average total assets"))
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
    actor = optional_person_field(
        on_delete=models.SET_NULL, related_name="data_imports", verbose_name=_("imported by")
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
