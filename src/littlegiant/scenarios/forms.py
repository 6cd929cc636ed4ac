"""Forms of the what-if: choose a pack, then change its numbers (one field per number, with its clause)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from littlegiant.assessment.forms import pack_choices, screenable_regions
from littlegiant.bilingual import choose
from littlegiant.rules.variants import PackNumber

if TYPE_CHECKING:
    from littlegiant.accounts.models import User


class PackChoiceForm(forms.Form):
    """Which rule pack to copy."""

    pack = forms.ChoiceField(label=_("Rule pack to copy"), choices=())

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["pack"].choices = pack_choices()


def _plain(value: object) -> str:
    if value is None:
        return ""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


class ScenarioForm(forms.Form):
    """A scenario's name, region and year, and every number of the pack, prefilled with its current value."""

    name = forms.CharField(label=_("Scenario name"), max_length=120)
    year = forms.IntegerField(label=_("Reference year of the filings"), min_value=1949, max_value=2100)
    region = forms.ModelChoiceField(
        label=_("Region (empty: your jurisdiction)"), queryset=None, required=False
    )

    def __init__(self, *args: object, user: User, numbers: list[PackNumber], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = screenable_regions(user)
        self.fields["year"].initial = timezone.localdate().year - 1
        self.numbers = numbers
        for number in numbers:
            self.fields[number.key] = forms.CharField(
                label=choose(number.label_zh, number.label_en),
                help_text=number.clause,
                initial=_plain(number.value),
                required=False,
                max_length=32,
            )

    def number_fields(self) -> list[forms.BoundField]:
        return [self[number.key] for number in self.numbers]

    def changes(self) -> dict[str, str]:
        """The numbers whose value differs from the pack's."""
        found = {}
        for number in self.numbers:
            value = (self.cleaned_data.get(number.key) or "").strip()
            if value and value != _plain(number.value):
                found[number.key] = value
        return found


class EditScenarioForm(ScenarioForm):
    """A saved scenario's name and numbers, prefilled with its own values (its region and year stay: another
    region or year is another scenario)."""

    def __init__(
        self, *args: object, user: User, numbers: list[PackNumber], changes: dict[str, str], **kwargs: object
    ) -> None:
        super().__init__(*args, user=user, numbers=numbers, **kwargs)
        del self.fields["year"], self.fields["region"]
        for key, value in changes.items():
            if key in self.fields:
                self.fields[key].initial = value
