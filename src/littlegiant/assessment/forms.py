"""Forms of the assessment app: starting a batch screening; the R&D calculator's breakdown and what-if."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from littlegiant.accounts.jurisdiction import is_administrator, reviewer_region_paths
from littlegiant.assessment.calculator import BREAKDOWN_FIELDS, RD_PACK_ID
from littlegiant.bilingual import choose, is_chinese
from littlegiant.enterprises.filing_values import FilingValueError, check_value
from littlegiant.enterprises.forms import form_field
from littlegiant.reference.models import Region
from littlegiant.rules import registry
from littlegiant.rules.pack import TIERS, ParameterError
from littlegiant.rules.schema import FIELDS_BY_NAME

if TYPE_CHECKING:
    from littlegiant.accounts.models import User


def pack_choices() -> list[tuple[str, str]]:
    chinese = is_chinese()
    # Size first, then tier by tier (innovative SME, SRDI SME, little giant), each tier's packs oldest first, then
    # the calculation packs (the R&D super-deduction).
    packs = sorted(
        (registry.get(pack_id) for pack_id in registry.ids()),
        key=lambda pack: (
            len(TIERS) if pack.is_calculation else -1 if pack.tier is None else TIERS.index(pack.tier),
            pack.effective_from or dt.date.min,
            pack.id,
        ),
    )
    choices = []
    for pack in packs:
        # The document's year tells two versions of a standard apart; the pack id stays in the value only.
        title = pack.title_zh if chinese else pack.title_en
        year = str(pack.effective_from.year) if pack.effective_from else ""
        label = title if year in title else (f"{title}（{year}）" if chinese else f"{title} ({year})")
        if pack.provisional:
            label += f" · {_('provisional: secondary sources')}"
        choices.append((pack.id, label))
    return choices


def screenable_regions(user: User):
    """Provinces and prefecture-level cities inside the user's jurisdiction (the units a screening covers)."""
    regions = Region.objects.filter(level__in=["province", "prefecture"])
    if is_administrator(user):
        return regions
    paths = reviewer_region_paths(user)
    if paths is None:
        return regions
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(path__startswith=path)
    return regions.filter(condition)


class ScreeningForm(forms.Form):
    """What to screen: which packs, which reference year, which region of one's jurisdiction."""

    packs = forms.MultipleChoiceField(label=_("Rule packs"), widget=forms.CheckboxSelectMultiple)
    year = forms.IntegerField(label=_("Reference year"), min_value=1949, max_value=2100)
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.none(),
        required=False,
        empty_label=_("My whole jurisdiction"),
    )

    def __init__(self, *args: object, user: User, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["packs"].choices = pack_choices()
        self.fields["region"].queryset = screenable_regions(user).order_by("path")
        self.fields["year"].initial = timezone.localdate().year - 1


class RdBreakdownForm(forms.Form):
    """The R&D breakdown of one year's filing (the nine R&D items and the tax fields of enterprise-data.md); an
    empty field is unknown (D5), never zero. The same checks as the filing form."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for name in BREAKDOWN_FIELDS:
            self.fields[name] = form_field(FIELDS_BY_NAME[name])

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        for name in BREAKDOWN_FIELDS:
            if name in self.errors:
                continue
            if cleaned.get(name) == "":
                cleaned[name] = None
            try:
                check_value(FIELDS_BY_NAME[name], cleaned.get(name))
            except FilingValueError as error:
                self.add_error(name, str(error))
        return cleaned

    def breakdown(self) -> dict[str, object | None]:
        return {name: self.cleaned_data.get(name) for name in BREAKDOWN_FIELDS}


class WhatIfForm(forms.Form):
    """Next year's what-if: this much more R&D (yuan); and the pack's parameters the CLI can override
    (`--param rate=1.2`), each named as the pack names it and held within its bounds. An empty parameter keeps
    the pack's value."""

    extra = forms.DecimalField(
        label=_("R&D next year: more by (yuan)"), required=False, min_value=0, max_digits=18, decimal_places=2
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.pack = registry.get(RD_PACK_ID)
        for parameter in self.pack.parameters.values():
            default = parameter.default.normalize()
            if parameter.display == "rate":
                help_text = _("The pack's value: %(value)s (%(shown)s).") % {
                    "value": f"{default:f}",
                    "shown": f"{(default * 100).normalize():f}%",
                }
            else:
                help_text = _("The pack's value: %(value)s.") % {"value": f"{default:f}"}
            self.fields[parameter.id] = forms.DecimalField(
                label=choose(parameter.label_zh, parameter.label_en),
                required=False,
                min_value=parameter.minimum,
                max_value=parameter.maximum,
                max_digits=20,  # 14 whole digits: the assets cap is 50,000,000 yuan
                decimal_places=6,
                help_text=help_text,
                widget=forms.NumberInput(attrs={"placeholder": f"{default:f}", "step": "any"}),
            )

    @property
    def parameter_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.pack.parameters]

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        for name, parameter in self.pack.parameters.items():
            value = cleaned.get(name)
            if value is None or name in self.errors:
                continue
            try:
                parameter.checked(
                    value, self.pack.id
                )  # the engine's own bounds, should the form's ever drift
            except ParameterError:
                self.add_error(name, _("This value is outside the parameter's bounds."))
        return cleaned

    def overrides(self) -> dict[str, Decimal]:
        """The parameters set, by the pack's names ({"rate": Decimal("1.2")}); empty when the form is unbound or
        has an error (the page then computes with the pack's values and shows the error)."""
        if not self.is_bound or not self.is_valid():
            return {}
        return {
            name: self.cleaned_data[name]
            for name in self.pack.parameters
            if self.cleaned_data.get(name) is not None
        }
