"""Forms of the service network: they validate input; the services in services.py change state."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from littlegiant.reference.models import Region, RegionLevel
from littlegiant.services.models import (
    DeliveryMode,
    FeeBasis,
    InstitutionLevel,
    OutcomeKind,
    ServiceCategory,
    ServiceInstitution,
    SessionMode,
    Urgency,
)

# A date input sends and shows ISO dates whatever the language (zh-hans would otherwise render 2026/11/28).
ISO_DATE = "%Y-%m-%d"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field; each is checked by content in the service."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):  # noqa: ANN001, ANN201
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return [super().clean(data, initial)] if data else []


def province_choices() -> list[tuple[str, str]]:
    provinces = Region.objects.filter(level=RegionLevel.PROVINCE).values_list("code", "name")
    return [("", _("All provinces")), *provinces]


class CatalogueFilterForm(forms.Form):
    """Browse the catalogue by region and category, or search it."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    category = forms.ChoiceField(
        label=_("Category"), required=False, choices=[("", _("All categories")), *ServiceCategory.choices]
    )
    region = forms.CharField(
        label=_("Region code"),
        required=False,
        max_length=6,
        help_text=_("A province, city or county code, e.g. 330100."),
    )
    fee = forms.ChoiceField(
        label=_("Fee"), required=False, choices=[("", _("Free or fee-based")), *FeeBasis.choices]
    )

    def clean_region(self) -> Region | None:
        code = self.cleaned_data["region"].strip()
        if not code:
            return None
        region = Region.objects.filter(code=code).first()
        if region is None:
            raise forms.ValidationError(_("No region has the code %(code)s.") % {"code": code})
        return region


class ServiceRequestForm(forms.Form):
    """An enterprise asks for help."""

    enterprise = forms.ModelChoiceField(label=_("Enterprise"), queryset=None, empty_label=None)
    category = forms.ChoiceField(label=_("Category"), choices=ServiceCategory.choices)
    title = forms.CharField(label=_("Title"), max_length=120)
    description = forms.CharField(label=_("What help do you need?"), widget=forms.Textarea(attrs={"rows": 5}))
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Urgency.choices, initial=Urgency.NORMAL)
    attachments = MultipleFileField(
        label=_("Attachments"),
        required=False,
        help_text=_("PDF, JPEG or PNG; up to 5 files. Files are checked by their content."),
    )

    def __init__(self, *args: object, enterprises=None, **kwargs: object) -> None:  # noqa: ANN001
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = enterprises


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class AcceptForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class TransferForm(forms.Form):
    to = forms.ModelChoiceField(label=_("Transfer to"), queryset=ServiceInstitution.objects.none())
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)

    def __init__(self, *args: object, targets=None, **kwargs: object) -> None:  # noqa: ANN001
        super().__init__(*args, **kwargs)
        if targets is not None:
            self.fields["to"].queryset = targets


class SessionForm(forms.Form):
    held_on = forms.DateField(
        label=_("Date"), widget=forms.DateInput(format=ISO_DATE, attrs={"type": "date"})
    )
    mode = forms.ChoiceField(label=_("Mode"), choices=SessionMode.choices)
    contact_minutes = forms.IntegerField(label=_("Contact time (minutes)"), min_value=0, max_value=1440)
    preparation_minutes = forms.IntegerField(
        label=_("Preparation time (minutes)"), min_value=0, max_value=1440, initial=0
    )
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["held_on"].initial = timezone.localdate()


class OutcomeForm(forms.Form):
    kind = forms.ChoiceField(label=_("Outcome"), choices=OutcomeKind.choices)
    value = forms.DecimalField(label=_("Amount or count"), max_digits=20, decimal_places=2)
    achieved_on = forms.DateField(
        label=_("Achieved on"), widget=forms.DateInput(format=ISO_DATE, attrs={"type": "date"})
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=200)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["achieved_on"].initial = timezone.localdate()


class CloseForm(forms.Form):
    resolution = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 3}))
    free_of_charge = forms.BooleanField(label=_("Served free of charge"), required=False, initial=True)


class RatingForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("Your rating"),
        coerce=int,
        widget=forms.RadioSelect,
        choices=[(5, "5 ★★★★★"), (4, "4 ★★★★"), (3, "3 ★★★"), (2, "2 ★★"), (1, "1 ★")],
    )
    comment = forms.CharField(
        label=_("Comment (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class AttachForm(forms.Form):
    file = forms.FileField(
        label=_("Add a file"), widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"})
    )


class OfferingForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), choices=ServiceCategory.choices)
    title = forms.CharField(label=_("Title"), max_length=120)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}))
    fee = forms.ChoiceField(label=_("Fee"), choices=FeeBasis.choices)
    delivery = forms.ChoiceField(label=_("Delivery mode"), choices=DeliveryMode.choices)


class ScorecardFilterForm(forms.Form):
    q = forms.CharField(label=_("Institution"), required=False, max_length=100)
    level = forms.ChoiceField(
        label=_("Level"), required=False, choices=[("", _("All levels")), *InstitutionLevel.choices]
    )
    province = forms.ChoiceField(label=_("Province"), required=False, choices=())

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["province"].choices = province_choices()
