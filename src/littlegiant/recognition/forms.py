"""Forms of the recognition pages; each only collects input, the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from littlegiant.recognition.models import (
    ApplicationStatus,
    ChangeKind,
    RejectionReason,
    RevocationCause,
    SpotCheck,
    Tier,
)


class StartApplicationForm(forms.Form):
    programme = forms.TypedChoiceField(label=_("Programme"), coerce=int)
    enterprise = forms.TypedChoiceField(label=_("Enterprise"), coerce=int)

    def __init__(self, *args: object, programmes: list, enterprises: list, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programme"].choices = [(p.pk, p.title) for p in programmes]
        self.fields["enterprise"].choices = [(e.pk, e.name) for e in enterprises]


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label=_("File (PDF, JPEG or PNG)"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
    )
    criterion = forms.ChoiceField(label=_("Criterion"), required=False)
    description = forms.CharField(label=_("Description"), max_length=200, required=False)

    def __init__(self, *args: object, criteria: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["criterion"].choices = [("", _("General (no single criterion)")), *criteria]


class SubmitForm(forms.Form):
    pledge = forms.BooleanField(
        label=_(
            "I pledge that the data and documents in this application are true, accurate and complete, "
            "and accept that false information leads to rejection or revocation and a three-year bar "
            "on applying (诚信承诺)."
        ),
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class DecisionForm(forms.Form):
    DECISIONS = [("pass", _("Pass")), ("return", _("Return for correction")), ("reject", _("Reject"))]

    decision = forms.ChoiceField(label=_("Decision"), choices=DECISIONS, widget=forms.RadioSelect)
    comment = forms.CharField(
        label=_("Comment (for a return: what to correct)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    reason = forms.ChoiceField(
        label=_("Rejection reason"), choices=[("", "—"), *RejectionReason.choices], required=False
    )
    override_reason = forms.CharField(
        label=_("Why pass it although its assessment does not qualify"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class ConfirmationForm(forms.Form):
    criterion = forms.CharField(widget=forms.HiddenInput)
    field = forms.CharField(widget=forms.HiddenInput)
    value = forms.CharField(label=_("Confirmed value"), max_length=64, required=False)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput)


class SpotCheckDrawForm(forms.Form):
    sample_size = forms.IntegerField(label=_("Applications to draw"), min_value=1)
    seed = forms.IntegerField(
        label=_("Seed (leave empty for a random one; it is recorded)"),
        required=False,
        min_value=0,
        max_value=2**62,
    )


class SpotCheckRecordForm(forms.Form):
    result = forms.ChoiceField(label=_("Result"), choices=SpotCheck.Result.choices)
    findings = forms.CharField(label=_("Findings"), widget=forms.Textarea(attrs={"rows": 3}))
    visited_on = forms.DateField(
        label=_("Visited on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class ExpertReviewForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 4}), required=False)

    def __init__(self, *args: object, items: list[dict], language: str, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        for item in items:
            label = item["label_zh"] if language.startswith("zh") else item["label_en"]
            self.fields[f"score_{item['key']}"] = forms.IntegerField(
                label=f"{label} (0–{item['max']})", min_value=0, max_value=int(item["max"])
            )
        self.order_fields([*(f"score_{item['key']}" for item in items), "comment"])

    def scores(self) -> dict[str, object]:
        return {
            name.removeprefix("score_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("score_")
        }


class ObjectionForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=64)
    contact = forms.CharField(label=_("Phone or email"), max_length=128)
    text = forms.CharField(
        label=_("Your objection"), widget=forms.Textarea(attrs={"rows": 5}), max_length=4000
    )


class ObjectionResolutionForm(forms.Form):
    resolution = forms.CharField(label=_("How it was resolved"), widget=forms.Textarea(attrs={"rows": 3}))
    upheld = forms.TypedChoiceField(
        label=_("Outcome"),
        coerce=lambda value: value == "yes",
        choices=[("no", _("Dismissed")), ("yes", _("Upheld"))],
        widget=forms.RadioSelect,
    )


class _SelectionForm(forms.Form):
    """Preview, select, confirm: the first post previews the selection, the second (`confirm`) acts on it."""

    selected = forms.TypedMultipleChoiceField(
        label=_("Applications"), coerce=int, widget=forms.CheckboxSelectMultiple
    )
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: object, candidates: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["selected"].choices = candidates
        if not self.is_bound:
            self.initial.setdefault("selected", [pk for pk, _label in candidates])


class ObjectionStatusForm(forms.Form):
    reference = forms.CharField(label=_("Reference number"), max_length=16)

    def clean_reference(self) -> str:
        return self.cleaned_data["reference"].strip().upper()


class NoticeForm(_SelectionForm):
    """A public notice before it is published: who is listed, who issues it, how to object."""

    issuer = forms.CharField(label=_("Issuing body (发布单位)"), max_length=200)
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=64)
    objection_address = forms.CharField(label=_("Address for written objections"), max_length=300)
    body = forms.CharField(label=_("Notice text"), widget=forms.Textarea(attrs={"rows": 5}))


class RecogniseForm(_SelectionForm):
    """The recognition decision before it is issued: who is recognised, by whom, under which number."""

    title = forms.CharField(label=_("Batch title (as published)"), max_length=200, required=False)
    issuer = forms.CharField(label=_("Issuing body"), max_length=200)
    number = forms.CharField(
        label=_("Decision number (文号; left empty, the platform numbers it)"), max_length=64, required=False
    )


class RevokeForm(forms.Form):
    cause = forms.ChoiceField(label=_("Cause"), choices=RevocationCause.choices)
    comment = forms.CharField(label=_("Explanation"), widget=forms.Textarea(attrs={"rows": 3}))


class ChangeReportForm(forms.Form):
    kind = forms.ChoiceField(label=_("Change"), choices=ChangeKind.choices)
    occurred_on = forms.DateField(
        label=_("Date of the change"), widget=forms.DateInput(attrs={"type": "date"})
    )
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}))


class ChangeAssessmentForm(forms.Form):
    still_eligible = forms.TypedChoiceField(
        label=_("Still eligible?"),
        coerce=lambda value: value == "yes",
        choices=[("yes", _("Yes: title and validity unchanged")), ("no", _("No: cancel the title"))],
        widget=forms.RadioSelect,
    )
    assessment = forms.CharField(label=_("Assessment"), widget=forms.Textarea(attrs={"rows": 3}))


class VerifyForm(forms.Form):
    code = forms.CharField(label=_("Verification code"), max_length=32)

    def clean_code(self) -> str:
        return self.cleaned_data["code"].strip().upper().replace(" ", "").replace("-", "")


class QueueFilterForm(forms.Form):
    SORTS = [
        ("submitted", _("Oldest submission first")),
        ("-submitted", _("Newest submission first")),
        ("name", _("Enterprise name")),
        ("-score", _("Highest score first")),
    ]

    q = forms.CharField(label=_("Enterprise"), required=False)
    tier = forms.ChoiceField(label=_("Tier"), choices=[("", _("All")), *Tier.choices], required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            ("", _("Awaiting me")),
            *[(s, label) for s, label in ApplicationStatus.choices if s != "draft"],
        ],
        required=False,
    )
    sort = forms.ChoiceField(label=_("Sort"), choices=SORTS, required=False)
    page = forms.IntegerField(min_value=1, required=False, widget=forms.HiddenInput)


class RecognisedFilterForm(forms.Form):
    q = forms.CharField(label=_("Enterprise name or credit code"), required=False)
    tier = forms.ChoiceField(label=_("Tier"), choices=[("", _("All")), *Tier.choices], required=False)
    batch = forms.TypedChoiceField(label=_("Batch"), coerce=int, required=False, empty_value=None)
    page = forms.IntegerField(min_value=1, required=False, widget=forms.HiddenInput)

    def __init__(self, *args: object, batches: list, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["batch"].choices = [("", _("All")), *((b.pk, b.title) for b in batches)]
