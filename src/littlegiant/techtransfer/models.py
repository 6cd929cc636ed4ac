"""Technology transfer: university patents listed for licensing "use first, pay later" (先使用后付费).

A research institution's tech-transfer officer lists a patent with the terms offered; an SME finds it, asks
about it or passes on it with feedback, then takes the standard licence by clicking through a versioned text
(or agrees different terms, recorded as a variation). The licence lives through a free trial, paying periods
with statements and payments, and an end.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q, Sum
from django.utils.translation import gettext_lazy as _

from littlegiant.accounts.jurisdiction import NOTHING, is_administrator, region_scope
from littlegiant.audit import AuditEvent
from littlegiant.enterprises.models import Membership
from littlegiant.model_fields import (
    money_field,
    optional_foreign_key,
    optional_person_field,
    unknown_decimal_field,
)
from littlegiant.permissions import is_signed_in
from littlegiant.techtransfer.patent_numbers import (
    PatentNumberError,
    parse_application_number,
    parse_publication_number,
)
from littlegiant.techtransfer.royalties import RoyaltyBasis, RoyaltyTerms, to_fen
from littlegiant.techtransfer.royalties import RoyaltyBasis as Basis
from littlegiant.timestamps import Timestamped

if TYPE_CHECKING:
    from littlegiant.accounts.models import User

MONEY = {"max_digits": 16, "decimal_places": 2}
# The reported caps of patent open licensing (专利开放许可): criteria.md §8.5, secondary source [S], issuing
# document unconfirmed. They are shown beside terms that exceed them, never enforced.
OPEN_LICENSING_SALES_CAP_PERCENT = Decimal(20)
OPEN_LICENSING_PROFIT_CAP_PERCENT = Decimal(40)
OPEN_LICENSING_FIXED_FEE_CAP = Decimal(20_000_000)


def _officer_institutions(user: User) -> models.QuerySet:
    return TransferOfficer.objects.filter(user=user).values("institution_id")


class InstitutionKind(models.TextChoices):
    UNIVERSITY = "university", _("University")
    INSTITUTE = "institute", _("Research institute")


class ResearchInstitution(models.Model):
    """A university or research institute that owns patents and licenses them (高校、科研院所)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=InstitutionKind.choices)
    region = models.ForeignKey(
        "reference.Region",
        on_delete=models.PROTECT,
        related_name="research_institutions",
        verbose_name=_("region"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("research institution")
        verbose_name_plural = _("research institutions")

    def __str__(self) -> str:
        return self.name


class TransferOfficer(models.Model):
    """A person in an institution's technology-transfer office (技术转移办公室) who lists and licenses its
    patents."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="transfer_offices"
    )
    institution = models.ForeignKey(ResearchInstitution, on_delete=models.CASCADE, related_name="officers")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tech-transfer officer")
        verbose_name_plural = _("tech-transfer officers")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "institution"],
                name="one_officer_role_per_institution",
                violation_error_message=_("This person is already an officer of this institution."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.institution}"


class LegalStatus(models.TextChoices):
    PENDING = "pending", _("Application pending")
    GRANTED = "granted", _("Granted, in force")
    LAPSED = "lapsed", _("Lapsed")


class Maturity(models.TextChoices):
    CONCEPT = "concept", _("Concept or laboratory proof")
    PROTOTYPE = "prototype", _("Prototype")
    PILOT = "pilot", _("Pilot production")
    INDUSTRIAL = "industrial", _("Ready for industrial production")


class ListingStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class PatentListingQuerySet(models.QuerySet["PatentListing"]):
    def published(self) -> PatentListingQuerySet:
        return self.filter(status=ListingStatus.PUBLISHED)

    def for_user(self, user: User) -> PatentListingQuerySet:
        """Published listings for everyone; drafts and withdrawn ones for their officers and officials over
        them."""

        visible = Q(status=ListingStatus.PUBLISHED)
        if is_signed_in(user):
            visible |= Q(institution__in=_officer_institutions(user))
            scope = region_scope(user, region_field="institution__region")
            if scope != NOTHING:
                visible |= scope
        return self.filter(visible)


class PatentListing(Timestamped):
    """A patent offered for licence, with its non-confidential brief and the use-first-pay-later terms
    offered."""

    institution = models.ForeignKey(
        ResearchInstitution,
        on_delete=models.PROTECT,
        related_name="listings",
        verbose_name=_("owner institution"),
    )
    application_number = models.CharField(
        _("application number"),
        max_length=14,
        unique=True,
        help_text=_("CN application number with its check digit, e.g. 202310123456.7."),
        error_messages={"unique": _("This patent is already listed.")},
    )
    publication_number = models.CharField(
        _("publication number"), max_length=12, blank=True, help_text=_("e.g. CN112345678B.")
    )
    title = models.CharField(_("title"), max_length=200)
    abstract = models.TextField(_("abstract"))
    ipc_codes = models.CharField(
        _("IPC classes"),
        max_length=200,
        help_text=_("Separated by spaces or semicolons, e.g. H01M 4/36; H01M 10/0525."),
    )
    legal_status = models.CharField(_("legal status"), max_length=16, choices=LegalStatus.choices)
    expires_on = models.DateField(_("expiry date"))
    maturity = models.CharField(_("maturity"), max_length=16, choices=Maturity.choices)
    industries = models.ManyToManyField(
        "reference.IndustryDivision",
        related_name="patent_listings",
        blank=True,
        verbose_name=_("related industries"),
    )
    problem = models.TextField(_("problem solved"))
    benefit = models.TextField(_("benefit over existing technology"))
    applications = models.TextField(_("fields of application"))
    # The terms offered: the standard use-first-pay-later licence an SME can take by clicking through.
    exclusive = models.BooleanField(_("exclusive licence"), default=False)
    free_months = models.PositiveSmallIntegerField(
        _("free period (months)"), default=12, validators=[MaxValueValidator(120)]
    )
    royalty_basis = models.CharField(
        _("payment after the free period"),
        max_length=16,
        choices=[
            (Basis.NET_SALES.value, _("Percentage of net sales of licensed products")),
            (Basis.PROFIT.value, _("Percentage of profit from licensed products")),
            (Basis.FIXED_FEE.value, _("Fixed annual fee")),
        ],
    )
    royalty_rate = unknown_decimal_field(
        _("royalty rate (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )
    annual_fee = money_field(
        _("annual fee (yuan)"), max_digits=MONEY["max_digits"], validators=[MinValueValidator(Decimal(0))]
    )
    annual_cap = money_field(
        _("annual cap (yuan)"), max_digits=MONEY["max_digits"], validators=[MinValueValidator(Decimal(0))]
    )
    territory = models.CharField(_("territory"), max_length=100, default="中国大陆")
    # Normalised search tokens, space-joined, written with every save (search.index_listings); the full-text
    # index over it is database-specific and made by migration 0005.
    search_document = models.TextField(_("search document"), blank=True, default="", editable=False)
    status = models.CharField(
        _("status"), max_length=16, choices=ListingStatus.choices, default=ListingStatus.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = PatentListingQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("patent listing")
        verbose_name_plural = _("patent listings")
        indexes = [models.Index(fields=["status", "-published_at"], name="listing_status_published")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(royalty_basis=Basis.FIXED_FEE) | Q(annual_fee__isnull=False),
                name="fixed_fee_listing_has_fee",
                violation_error_message=_("A fixed annual fee needs the fee."),
            ),
            models.CheckConstraint(
                condition=Q(royalty_basis=Basis.FIXED_FEE) | Q(royalty_rate__isnull=False),
                name="royalty_listing_has_rate",
                violation_error_message=_("A percentage royalty needs the rate."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application_number} {self.title}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        try:
            self.application_number = str(parse_application_number(self.application_number or ""))
        except PatentNumberError as error:
            errors["application_number"] = str(error)
        if self.publication_number:
            try:
                self.publication_number = parse_publication_number(self.publication_number)
            except PatentNumberError as error:
                errors["publication_number"] = str(error)
        if self.royalty_basis == Basis.FIXED_FEE and self.annual_fee is None:
            errors["annual_fee"] = str(_("A fixed annual fee needs the fee."))
        if self.royalty_basis in (Basis.NET_SALES, Basis.PROFIT) and self.royalty_rate is None:
            errors["royalty_rate"] = str(_("A percentage royalty needs the rate."))
        self.ipc_codes = normalise_ipc(self.ipc_codes or "")
        if not self.ipc_codes:
            errors["ipc_codes"] = str(_("Give at least one IPC class, e.g. H01M 10/0525."))
        if errors:
            raise ValidationError(errors)

    @property
    def ipc_list(self) -> list[str]:
        return self.ipc_codes.split()

    @property
    def terms_above_open_licensing_caps(self) -> bool:
        """Whether the terms exceed the reported open-licensing caps ([S], shown as a note, never
        enforced)."""
        if self.royalty_basis == Basis.NET_SALES and self.royalty_rate is not None:
            return self.royalty_rate > OPEN_LICENSING_SALES_CAP_PERCENT
        if self.royalty_basis == Basis.PROFIT and self.royalty_rate is not None:
            return self.royalty_rate > OPEN_LICENSING_PROFIT_CAP_PERCENT
        if self.royalty_basis == Basis.FIXED_FEE and self.annual_fee is not None:
            return self.annual_fee > OPEN_LICENSING_FIXED_FEE_CAP
        return False


def normalise_ipc(raw: str) -> str:
    """IPC classes as one space-separated string without inner spaces: "H01M 4/36; h01m10/0525" → "H01M4/36
    H01M10/0525"."""
    codes: list[str] = []
    for part in re.split(r"[;,，；\n]+", raw.upper()):
        code = re.sub(r"\s+", "", part)
        if code and code not in codes:
            codes.append(code)
    return " ".join(codes)


class LicenceText(models.Model):
    """A version of the standard use-first-pay-later licence, in Chinese and English, effective from a
    date."""

    version = models.CharField(_("version"), max_length=16, unique=True)
    effective_on = models.DateField(_("effective from"))
    text_zh = models.TextField(_("text (Chinese)"))
    text_en = models.TextField(_("text (English)"))

    class Meta:
        ordering = ["-effective_on", "-version"]
        verbose_name = _("licence text")
        verbose_name_plural = _("licence texts")

    def __str__(self) -> str:
        return f"{self.version} ({self.effective_on})"

    @classmethod
    def current(cls, today: date) -> LicenceText | None:
        return cls.objects.filter(effective_on__lte=today).order_by("-effective_on", "-version").first()


class EnquiryKind(models.TextChoices):
    INTEREST = "interest", _("Expression of interest")
    QUESTION = "question", _("Question")


class EnquiryQuerySet(models.QuerySet["Enquiry"]):
    def for_user(self, user: User) -> EnquiryQuerySet:
        """Enquiries the user's enterprises made, those on the user's institution's listings, and officials'
        region."""
        return self.filter(_licence_scope(user, listing_prefix="listing__"))


def _licence_scope(user: User, *, listing_prefix: str) -> Q:

    if not is_signed_in(user):
        return NOTHING
    if is_administrator(user):
        return Q()
    mine = Membership.objects.filter(user=user).values("enterprise_id")
    condition = Q(enterprise__in=mine) | Q(
        **{f"{listing_prefix}institution__in": _officer_institutions(user)}
    )
    scope = region_scope(user, region_field=f"{listing_prefix}institution__region")
    if scope != NOTHING:
        condition |= scope
    return condition


class Enquiry(models.Model):
    """An SME's expression of interest or question on a listing, and the officer's answer."""

    listing = models.ForeignKey(PatentListing, on_delete=models.CASCADE, related_name="enquiries")
    enterprise = models.ForeignKey(
        "enterprises.Enterprise", on_delete=models.CASCADE, related_name="patent_enquiries"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=EnquiryKind.choices)
    message = models.TextField(_("message"))
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    asked_at = models.DateTimeField(auto_now_add=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_by = optional_person_field()
    answered_at = models.DateTimeField(null=True, blank=True)

    objects = EnquiryQuerySet.as_manager()

    class Meta:
        ordering = ["-asked_at"]
        verbose_name = _("enquiry")
        verbose_name_plural = _("enquiries")

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.listing.application_number}"


class FeedbackCategory(models.TextChoices):
    TOO_EARLY = "too_early", _("Too early stage")
    BENEFIT_UNCLEAR = "benefit_unclear", _("Benefit unclear")
    ROUTE_UNCLEAR = "route_unclear", _("Commercial route unclear")
    DESCRIPTION_UNCLEAR = "description_unclear", _("Description unclear")
    OTHER = "other", _("Other")


class ListingFeedback(models.Model):
    """An SME passing on a listing, with the reason in a fixed category (as IN-PART collects it)."""

    listing = models.ForeignKey(PatentListing, on_delete=models.CASCADE, related_name="feedback")
    enterprise = models.ForeignKey("enterprises.Enterprise", on_delete=models.CASCADE, related_name="+")
    category = models.CharField(_("reason"), max_length=24, choices=FeedbackCategory.choices)
    comment = models.TextField(_("comment"), blank=True)
    given_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    given_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("feedback on a listing")
        verbose_name_plural = _("feedback on listings")
        constraints = [
            models.UniqueConstraint(
                fields=["listing", "enterprise"],
                name="one_feedback_per_listing_enterprise",
                violation_error_message=_("This enterprise already gave feedback on this listing."),
            ),
            models.CheckConstraint(
                condition=~Q(category="other") | ~Q(comment=""),
                name="other_feedback_has_comment",
                violation_error_message=_("Say what the other reason is."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.get_category_display()}"


class TechnologyNeed(models.Model):
    """The technology an enterprise is looking for, in its own words (技术需求), used for recommendations."""

    enterprise = models.OneToOneField(
        "enterprises.Enterprise", on_delete=models.CASCADE, related_name="technology_need"
    )
    description = models.TextField(_("technology needs"))
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("technology need")
        verbose_name_plural = _("technology needs")

    def __str__(self) -> str:
        return f"{self.enterprise}"


class LicenceStatus(models.TextChoices):
    OFFERED = "offered", _("Varied terms offered")
    TRIAL = "trial", _("Free period")
    PAYING = "paying", _("Paying")
    TERMINATED = "terminated", _("Terminated")
    ASSIGNED = "assigned", _("Converted to an assignment")
    EXPIRED = "expired", _("Expired with the patent")


ACTIVE_LICENCE = (LicenceStatus.OFFERED, LicenceStatus.TRIAL, LicenceStatus.PAYING)
ENDED_LICENCE = (LicenceStatus.TERMINATED, LicenceStatus.ASSIGNED, LicenceStatus.EXPIRED)


class LicenceQuerySet(models.QuerySet["Licence"]):
    def for_user(self, user: User) -> LicenceQuerySet:
        """Licences of the user's enterprises or institution, and those in an official's jurisdiction."""
        return self.filter(_licence_scope(user, listing_prefix="listing__"))


class Licence(models.Model):
    """A patent licence to an enterprise; its terms are copied from the listing (or varied) when it is
    taken."""

    listing = models.ForeignKey(PatentListing, on_delete=models.PROTECT, related_name="licences")
    enterprise = models.ForeignKey(
        "enterprises.Enterprise", on_delete=models.PROTECT, related_name="patent_licences"
    )
    status = models.CharField(_("status"), max_length=16, choices=LicenceStatus.choices, db_index=True)
    exclusive = models.BooleanField(_("exclusive licence"))
    free_months = models.PositiveSmallIntegerField(
        _("free period (months)"), validators=[MaxValueValidator(120)]
    )
    royalty_basis = models.CharField(
        _("payment after the free period"),
        max_length=16,
        choices=PatentListing._meta.get_field("royalty_basis").choices,
    )
    royalty_rate = unknown_decimal_field(
        _("royalty rate (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )
    annual_fee = money_field(_("annual fee (yuan)"), max_digits=MONEY["max_digits"])
    annual_cap = money_field(_("annual cap (yuan)"), max_digits=MONEY["max_digits"])
    territory = models.CharField(_("territory"), max_length=100)
    is_variation = models.BooleanField(_("varied terms"), default=False)
    variation_note = models.TextField(_("what was varied and why"), blank=True)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    paying_from = models.DateField(_("paying from"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded of the end of the free period"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = LicenceQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("licence")
        verbose_name_plural = _("licences")
        constraints = [
            models.UniqueConstraint(
                fields=["listing", "enterprise"],
                condition=Q(status__in=["offered", "trial", "paying"]),
                name="one_active_licence_per_listing_enterprise",
                violation_error_message=_(
                    "This enterprise already holds or has been offered a licence of this patent."
                ),
            ),
            models.CheckConstraint(
                condition=Q(status="offered") | Q(starts_on__isnull=False, paying_from__isnull=False),
                name="running_licence_has_dates",
                violation_error_message=_("A licence that was taken has a start date."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.listing.application_number} → {self.enterprise}"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_LICENCE

    def terms(self):  # -> RoyaltyTerms

        assert self.paying_from is not None
        return RoyaltyTerms(
            basis=RoyaltyBasis(self.royalty_basis),
            paying_from=self.paying_from,
            rate_percent=self.royalty_rate,
            annual_fee=self.annual_fee,
            annual_cap=self.annual_cap,
        )


class LicenceAcceptance(models.Model):
    """The click-through: who accepted which licence text version, for which enterprise, when and from
    where."""

    licence = models.OneToOneField(Licence, on_delete=models.CASCADE, related_name="acceptance")
    licence_text = models.ForeignKey(LicenceText, on_delete=models.PROTECT, related_name="acceptances")
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    enterprise = models.ForeignKey("enterprises.Enterprise", on_delete=models.PROTECT, related_name="+")
    accepted_at = models.DateTimeField()
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=400, blank=True)

    class Meta:
        verbose_name = _("licence acceptance")
        verbose_name_plural = _("licence acceptances")

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.licence_text.version} · {self.accepted_at:%Y-%m-%d %H:%M}"


class Statement(models.Model):
    """A royalty statement for one reported period: the figures reported and the amount due under the
    terms."""

    licence = models.ForeignKey(Licence, on_delete=models.PROTECT, related_name="statements")
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    net_sales = money_field(_("net sales (yuan)"), max_digits=MONEY["max_digits"])
    profit = money_field(_("profit (yuan)"), max_digits=MONEY["max_digits"])
    base = models.DecimalField(_("chargeable base"), **MONEY)
    paying_days = models.PositiveIntegerField(_("paying days"))
    licence_year_start = models.DateField(_("licence year from"))
    cap_reached = models.BooleanField(_("annual cap reached"), default=False)
    amount_due = models.DecimalField(_("amount due (yuan)"), **MONEY)
    due_on = models.DateField(_("due on"))
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    issued_at = models.DateTimeField(_("issued"))

    class Meta:
        ordering = ["licence", "period_start"]
        verbose_name = _("royalty statement")
        verbose_name_plural = _("royalty statements")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="statement_period_in_order",
                violation_error_message=_("A period cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(amount_due__gte=0),
                name="statement_amount_not_negative",
                violation_error_message=_("An amount due cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.licence} · {self.period_start} – {self.period_end}"

    @property
    def number(self) -> str:
        return f"TT-{self.licence_id:05d}-{self.pk:06d}"

    def paid(self) -> Decimal:

        # SQLite sums decimals without their scale (6000 rather than 6000.00): bring it back to the fen.
        return to_fen(self.payments.aggregate(total=Sum("amount"))["total"] or Decimal(0))


class Payment(models.Model):
    """A payment received by the institution against a statement, recorded by its officer."""

    statement = models.ForeignKey(Statement, on_delete=models.PROTECT, related_name="payments")
    amount = models.DecimalField(_("amount (yuan)"), **MONEY, validators=[MinValueValidator(Decimal("0.01"))])
    paid_on = models.DateField(_("paid on"))
    reference = models.CharField(_("bank reference"), max_length=64, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["paid_on", "pk"]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="payment_amount_positive",
                violation_error_message=_("A payment must be more than zero."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.amount} · {self.paid_on}"


# How each entry of the audit trail reads on a page; the stored action stays a code (and so does an export).
TRANSFER_ACTIONS = {
    "create": _("Listing created"),
    "edit": _("Listing edited"),
    "import": _("Listing imported"),
    "publish": _("Listing published"),
    "withdraw": _("Listing withdrawn"),
    "interest": _("Interest expressed"),
    "question": _("Question asked"),
    "answer": _("Question answered"),
    "pass": _("Passed on, with a reason"),
    "accept": _("Licence accepted"),
    "offer_variation": _("Varied terms offered"),
    "end": _("Licence ended"),
    "remind": _("Reminder sent"),
    "free_period_ended": _("Free period ended"),
    "patent_expired": _("Patent expired"),
    "report": _("Royalty report filed"),
    "payment": _("Payment recorded"),
}


class TransferEvent(AuditEvent):
    """The audit trail of technology transfer: who did what, in which role, from which state to which."""

    listing = models.ForeignKey(PatentListing, on_delete=models.CASCADE, related_name="events")
    licence = optional_foreign_key(Licence, related_name="events", on_delete=models.CASCADE)

    ACTION_LABELS = TRANSFER_ACTIONS
    STATE_LABELS = {**dict(LicenceStatus.choices), **dict(ListingStatus.choices)}

    class Meta(AuditEvent.Meta):
        ordering = ["-created_at", "-pk"]
        verbose_name = _("tech-transfer event")
        verbose_name_plural = _("tech-transfer events")

    def __str__(self) -> str:
        return f"{self.action} · {self.created_at:%Y-%m-%d %H:%M}"
