"""The policy form: a plain form whose values the service checks (policies.services.clean_policy)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from littlegiant.policies.models import BenefitKind, Policy, PolicyLevel
from littlegiant.policies.services import POLICY_FIELDS

CONDITIONS_HELP = _(
    "One condition per line, all of which must hold: a label, a colon, then a rule expression over the "
    "canonical fields and the title inputs (examples below)."
)


def conditions_text(conditions: list[dict[str, str]]) -> str:
    """The conditions as the form's text: one `label: expression` per line."""
    return "\n".join(
        f"{c['label']}: {c['expression']}"
        if c.get("label") and c["label"] != c["expression"]
        else c["expression"]
        for c in conditions
    )


def conditions_of(text: str) -> list[dict[str, str]]:
    """The form's lines as conditions; a line without a colon is an expression with no label."""
    found = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        label, colon, expression = line.replace("：", ":").partition(":")
        found.append({"label": label.strip(), "expression": expression.strip()} if colon else
                     {"label": "", "expression": line})  # fmt: skip
    return found


class PolicyForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    issuer = forms.CharField(label=_("Issuing authority"), max_length=120)
    level = forms.ChoiceField(label=_("Level"), choices=PolicyLevel.choices)
    region = forms.CharField(
        label=_("Region code (GB/T 2260)"),
        max_length=6,
        required=False,
        help_text=_("Empty for a national policy; else the province, city or county it is issued for."),
    )
    document_number = forms.CharField(label=_("Document number"), max_length=80, required=False)
    valid_from = forms.DateField(label=_("Valid from"), widget=forms.DateInput(attrs={"type": "date"}))
    valid_until = forms.DateField(
        label=_("Valid until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    benefit_kind = forms.ChoiceField(label=_("Kind of benefit"), choices=BenefitKind.choices)
    benefit_amount = forms.CharField(label=_("Amount (yuan)"), required=False, max_length=20)
    benefit_expression = forms.CharField(
        label=_("Amount expression"),
        required=False,
        max_length=500,
        help_text=_("A number over the enterprise's fields, in yuan (examples below)."),
    )
    benefit_text = forms.CharField(
        label=_("Benefit described"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    conditions = forms.CharField(
        label=_("Eligibility conditions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "class": "mono"}),
        help_text=CONDITIONS_HELP,
    )
    demo = forms.BooleanField(label=_("Demo data (illustrative amounts)"), required=False)

    @classmethod
    def initial_of(cls, policy: Policy) -> dict[str, Any]:
        return {
            **{name: getattr(policy, name) for name in POLICY_FIELDS},
            "region": policy.region_id or "",
            "conditions": conditions_text(policy.conditions),
        }

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["conditions"] = conditions_of(data.get("conditions") or "")
        return data

    def add_service_errors(self, errors: dict[str, list[str]]) -> None:
        """The service's field-named errors on the form's fields (a condition's on the conditions box)."""
        for name, messages in errors.items():
            if name.startswith("conditions."):
                number = name.split(".")[1]
                for message in messages:
                    self.add_error(
                        "conditions", _("Line %(n)s: %(message)s") % {"n": number, "message": message}
                    )
            elif name in self.fields:
                for message in messages:
                    self.add_error(name, message)
            else:
                for message in messages:
                    self.add_error(None, message)


class RunForm(forms.Form):
    year = forms.IntegerField(label=_("Reference year"), min_value=1949, max_value=2100, required=False)
