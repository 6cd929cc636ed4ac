"""Forms of technology transfer: listing a patent, searching, enquiring, accepting, reporting, paying."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext_lazy as _

from littlegiant.enterprises.models import Enterprise
from littlegiant.reference.models import IndustryDivision, Region
from littlegiant.techtransfer.models import (
    EnquiryKind,
    FeedbackCategory,
    LicenceStatus,
    PatentListing,
    ResearchInstitution,
)
from littlegiant.techtransfer.patent_numbers import (
    PatentNumberError,
    parse_application_number,
    parse_publication_number,
)
from littlegiant.techtransfer.permissions import COMMITTING_ROLES, MEMBER_ROLES
from littlegiant.techtransfer.services import LISTING_FIELDS, TERM_FIELDS
from littlegiant.upload_limits import size_refusal

if TYPE_CHECKING:
    from littlegiant.accounts.models import User

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _division_label(division: IndustryDivision) -> str:
    """A division by its own name (reference migration 0004 names all 97)."""
    return f"{division.code} {division.name}"


def _divisions():
    return IndustryDivision.objects.order_by("code")


class DivisionChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: IndustryDivision) -> str:
        return _division_label(obj)


class ListingForm(forms.ModelForm):
    """A patent listing with its brief and the standard terms offered."""

    industries = DivisionChoiceField(
        queryset=IndustryDivision.objects.order_by("code"),
        required=False,
        label=_("Related industries"),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    # Wider than the stored form: people type "CN 2022 1 0956187.7" or "ZL..."; clean() normalises it.
    application_number = forms.CharField(
        label=_("application number"),
        max_length=32,
        help_text=_("CN application number with its check digit, e.g. 202310123456.7."),
    )
    publication_number = forms.CharField(
        label=_("publication number"), max_length=32, required=False, help_text=_("e.g. CN112345678B.")
    )
    publish = forms.BooleanField(
        label=_("Publish now, so SMEs can find and license it"), required=False, initial=True
    )

    class Meta:
        model = PatentListing
        fields = [*LISTING_FIELDS, "industries"]
        widgets = {
            "expires_on": DATE,
            "abstract": forms.Textarea(attrs={"rows": 4}),
            "problem": forms.Textarea(attrs={"rows": 2}),
            "benefit": forms.Textarea(attrs={"rows": 2}),
            "applications": forms.Textarea(attrs={"rows": 2}),
        }

    def clean_application_number(self) -> str:
        try:
            return str(parse_application_number(self.cleaned_data["application_number"]))
        except PatentNumberError as error:
            raise forms.ValidationError(str(error)) from error

    def clean_publication_number(self) -> str:
        raw = self.cleaned_data["publication_number"]
        try:
            return parse_publication_number(raw) if raw.strip() else ""
        except PatentNumberError as error:
            raise forms.ValidationError(str(error)) from error


def _member_enterprises(user: User, roles: frozenset[str]):

    return Enterprise.objects.filter(memberships__user=user, memberships__role__in=roles).order_by("name")


class EnterpriseChoiceMixin:
    """A form acting for one of the user's enterprises."""

    roles: frozenset[str] = MEMBER_ROLES

    def __init__(self, *args, user: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["enterprise"] = forms.ModelChoiceField(
            queryset=_member_enterprises(user, self.roles),
            label=_("For enterprise"),
            empty_label=None,
        )


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("e.g. 锂电池 正极材料, graphene, H01M")}
        ),
    )
    ipc = forms.CharField(label=_("IPC class"), required=False, max_length=20)
    industry = forms.ChoiceField(label=_("Industry"), required=False)
    institution = forms.TypedChoiceField(label=_("Institution"), required=False, coerce=int, empty_value=None)
    region = forms.ChoiceField(label=_("Region"), required=False)
    royalty_basis = forms.ChoiceField(
        label=_("Payment"),
        required=False,
        choices=[("", _("Any")), *PatentListing._meta.get_field("royalty_basis").choices],
    )
    exclusive = forms.ChoiceField(
        label=_("Licence type"),
        required=False,
        choices=[("", _("Any")), ("no", _("Non-exclusive")), ("yes", _("Exclusive"))],
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["industry"].choices = [("", _("Any"))] + [
            (division.code, _division_label(division))
            for division in IndustryDivision.objects.filter(patent_listings__isnull=False)
            .distinct()
            .order_by("code")
        ]
        institutions = list(ResearchInstitution.objects.select_related("region").order_by("name"))
        self.fields["institution"].choices = [("", _("Any"))] + [(i.pk, i.name) for i in institutions]
        # The province and the city of each institution, read in one query (not one per institution).
        codes = {
            code
            for institution in institutions
            for code in [c for c in institution.region.path.split("/") if c][:2]
        }
        regions = {region.path: region.name for region in Region.objects.filter(code__in=codes)}
        self.fields["region"].choices = [("", _("Any")), *sorted(regions.items())]


class EnquiryForm(EnterpriseChoiceMixin, forms.Form):
    kind = forms.ChoiceField(label=_("What"), choices=EnquiryKind.choices)
    message = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)


class FeedbackForm(EnterpriseChoiceMixin, forms.Form):
    category = forms.ChoiceField(
        label=_("Why not for you"), choices=FeedbackCategory.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class AcceptForm(EnterpriseChoiceMixin, forms.Form):
    roles = COMMITTING_ROLES
    version = forms.CharField(widget=forms.HiddenInput)
    agree = forms.BooleanField(
        label=_("I have read the licence text above and accept it for the enterprise.")
    )


class AcceptOfferForm(forms.Form):
    version = forms.CharField(widget=forms.HiddenInput)
    agree = forms.BooleanField(
        label=_("I have read the licence text above and accept the varied terms for the enterprise.")
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000)


class VariationForm(forms.Form):
    """Terms agreed with one SME that differ from the listing's standard ones."""

    enterprise = forms.ModelChoiceField(queryset=None, label=_("Enterprise"), empty_label=None)
    exclusive = forms.BooleanField(label=_("Exclusive licence"), required=False)
    free_months = forms.IntegerField(label=_("Free period (months)"), min_value=0, max_value=120)
    royalty_basis = forms.ChoiceField(
        label=_("Payment after the free period"),
        choices=PatentListing._meta.get_field("royalty_basis").choices,
    )
    royalty_rate = forms.DecimalField(
        label=_("Royalty rate (%)"), required=False, min_value=0, max_value=100, decimal_places=2
    )
    annual_fee = forms.DecimalField(
        label=_("Annual fee (yuan)"), required=False, min_value=0, decimal_places=2
    )
    annual_cap = forms.DecimalField(
        label=_("Annual cap (yuan)"), required=False, min_value=0, decimal_places=2
    )
    territory = forms.CharField(label=_("Territory"), max_length=100)
    variation_note = forms.CharField(
        label=_("What was varied and why"), widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, listing: PatentListing, **kwargs) -> None:

        initial = {name: getattr(listing, name) for name in TERM_FIELDS}
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["enterprise"].queryset = (
            Enterprise.objects.filter(patent_enquiries__listing=listing).distinct().order_by("name")
        )

    def terms(self) -> dict[str, object]:
        return {name: self.cleaned_data[name] for name in TERM_FIELDS}


class ReportForm(forms.Form):
    period_start = forms.DateField(label=_("Period from"), widget=DATE)
    period_end = forms.DateField(label=_("Period to (inclusive)"), widget=DATE)
    net_sales = forms.DecimalField(
        label=_("Net sales of licensed products (yuan)"), required=False, decimal_places=2, min_value=0
    )
    profit = forms.DecimalField(
        label=_("Profit from licensed products (yuan)"), required=False, decimal_places=2
    )

    def __init__(self, *args, basis: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if basis != "net_sales":
            del self.fields["net_sales"]
        else:
            self.fields["net_sales"].required = True
        if basis != "profit":
            del self.fields["profit"]
        else:
            self.fields["profit"].required = True


class PaymentForm(forms.Form):
    statement = forms.ModelChoiceField(queryset=None, label=_("Statement"), empty_label=None)
    amount = forms.DecimalField(label=_("Amount received (yuan)"), decimal_places=2, min_value=0)
    paid_on = forms.DateField(label=_("Received on"), widget=DATE)
    reference = forms.CharField(label=_("Bank reference"), required=False, max_length=64)

    def __init__(self, *args, statements, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["statement"].queryset = statements
        self.fields["statement"].label_from_instance = lambda s: (
            f"{s.number} · {s.period_start} – {s.period_end} · {s.amount_due}"
        )


class EndForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            (LicenceStatus.TERMINATED.value, LicenceStatus.TERMINATED.label),
            (LicenceStatus.ASSIGNED.value, LicenceStatus.ASSIGNED.label),
        ],
    )
    comment = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV (UTF-8) or XLSX file"))
    institution = forms.ModelChoiceField(queryset=None, label=_("Institution"), empty_label=None)

    def __init__(self, *args, institutions, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = institutions

    def clean_file(self):
        upload = self.cleaned_data["file"]
        refusal = size_refusal(upload.size)
        if refusal:
            raise forms.ValidationError(refusal, code="too_large")
        return upload


class NeedForm(EnterpriseChoiceMixin, forms.Form):
    description = forms.CharField(
        label=_("Technology we are looking for"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
