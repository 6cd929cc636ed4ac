"""Forms of the evaluation pages, built from the questionnaire data: one form per section."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from littlegiant.bilingual import choose, is_chinese
from littlegiant.digital.questionnaire import ItemKind, Questionnaire


class SectionForm(forms.Form):
    """One section's items (or the 16 scenarios): every field may stay empty, which keeps it unknown (D5)."""

    def __init__(self, questionnaire: Questionnaire, section: str, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.section = section
        if section == "operations":
            for scenario in questionnaire.scenarios:
                choices = [("", _("Not rated"))] + [
                    (str(level), f"{level} · {text}") for level, text in sorted(scenario.levels.items())
                ]
                self.fields[scenario.id] = forms.ChoiceField(
                    label=f"S{scenario.number} {choose(scenario.name_zh, scenario.name_en)}",
                    choices=choices,
                    required=False,
                    widget=forms.RadioSelect,
                    help_text=(_("Binding scenario (约束性场景) [S]") if scenario.binding else ""),
                )
            return
        for item in questionnaire.items_of(section):
            # The official wording is Chinese; an English reader also gets the gloss.
            label = f"Q{item.number} {item.title_zh}" + ("" if is_chinese() else f" — {item.title_en}")
            if item.kind == ItemKind.BAND:
                self.fields[item.id] = forms.DecimalField(
                    label=label,
                    required=False,
                    min_value=0,
                    max_value=100,
                    decimal_places=3,
                    help_text=_(
                        "A percentage from 0 to 100. Bands: %(bands)s (an edge belongs to the lower band)."
                    )
                    % {"bands": ", ".join(o.text_zh for o in item.options)},
                )
            elif item.kind == ItemKind.MULTIPLE:
                self.fields[item.id] = forms.MultipleChoiceField(
                    label=label,
                    choices=[(o.key, f"{o.key}. {o.text_zh}") for o in item.options],
                    required=False,
                    widget=forms.CheckboxSelectMultiple,
                    help_text=_("Choose every option that applies; 无 (none) only on its own."),
                )
            else:
                self.fields[item.id] = forms.ChoiceField(
                    label=label,
                    choices=[(o.key, f"{o.key}. {o.text_zh}") for o in item.options],
                    required=False,
                    widget=forms.RadioSelect,
                )
            self.fields[item.id].item = item


class PledgeForm(forms.Form):
    """The truthfulness pledge (诚信承诺) a submission carries."""

    pledge = forms.BooleanField(required=True)


class TransformationRequestForm(forms.Form):
    """A digital-transformation service request, pre-filled from the result."""

    title = forms.CharField(label=_("Title"), max_length=120)
    description = forms.CharField(
        label=_("What help the enterprise needs"), widget=forms.Textarea(attrs={"rows": 5})
    )


class StartForm(forms.Form):
    enterprise = forms.IntegerField(widget=forms.HiddenInput)
    year = forms.IntegerField(label=_("Year"))


class ImportForm(forms.Form):
    """A file of questionnaire results: CSV or XLSX, one row per enterprise and year."""

    file = forms.FileField(label=_("Results file (CSV or XLSX)"))


class TrackerForm(forms.Form):
    year = forms.IntegerField(required=False)
    region = forms.CharField(required=False, max_length=6)
