"""Forms of the enterprise pages: list filters, file upload, export choice and one year's filing."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from littlegiant.enterprises.filing_values import (
    DECIMAL_LIMITS,
    LARGEST_COUNT,
    FilingValueError,
    check_value,
    cross_field_problems,
)
from littlegiant.enterprises.labels import CHOICE_LABELS, field_label, fields_by_group
from littlegiant.rules.schema import DATA_FIELDS, FIELDS_BY_NAME, Field, FieldKind
from littlegiant.upload_limits import size_refusal

SORTS = {
    "name": ("name", "pk"),
    "-name": ("-name", "-pk"),
    "credit_code": ("credit_code",),
    "region": ("region_id", "name", "pk"),
    "industry": ("industry_id", "name", "pk"),
    "-updated": ("-updated_at", "-pk"),
}


class EnterpriseFilterForm(forms.Form):
    """Filters of the enterprise list; every one optional."""

    q = forms.CharField(label=_("Name or credit code"), required=False, max_length=100)
    region = forms.CharField(label=_("Region code"), required=False, max_length=6)
    industry = forms.CharField(label=_("Industry code"), required=False, max_length=4)
    possible_duplicate = forms.BooleanField(label=_("Possible duplicates only"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("name", _("Name")),
            ("-name", _("Name, Z to A")),
            ("credit_code", _("Credit code")),
            ("region", _("Region")),
            ("industry", _("Industry")),
            ("-updated", _("Recently changed")),
        ],
    )
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)


class UploadForm(forms.Form):
    """A CSV or XLSX file of annual filings."""

    file = forms.FileField(
        label=_("File (.csv UTF-8 or .xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
    dry_run = forms.BooleanField(label=_("Only check the file, write nothing"), required=False)
    comment = forms.CharField(label=_("Comment"), required=False, max_length=500)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        refusal = size_refusal(upload.size)
        if refusal:
            raise forms.ValidationError(refusal, code="too_large")
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Only .csv (UTF-8) and .xlsx files can be imported."))
        return upload


class ExportForm(forms.Form):
    """What to export: format, and optionally one year and one region."""

    format = forms.ChoiceField(label=_("Format"), choices=[("csv", "CSV"), ("xlsx", "XLSX")], initial="csv")
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1949, max_value=2100)
    region = forms.CharField(label=_("Region code"), required=False, max_length=6)


def _form_field(field: Field) -> forms.Field:
    label = field_label(field)
    if field.kind == FieldKind.BOOLEAN:
        return forms.NullBooleanField(label=label, required=False, widget=forms.NullBooleanSelect)
    if field.kind == FieldKind.ENUM:
        return forms.ChoiceField(
            label=label,
            required=False,
            choices=[("", _("Unknown")), *[(c, CHOICE_LABELS.get(c, c)) for c in field.choices]],
        )
    if field.kind in {FieldKind.COUNT, FieldKind.INTEGER}:
        # Bounded like the database column, so Django refuses a huge number before our checks run.
        return forms.IntegerField(
            label=label, required=False, min_value=-LARGEST_COUNT, max_value=LARGEST_COUNT
        )
    max_digits, places = DECIMAL_LIMITS[field.name]
    return forms.DecimalField(label=label, required=False, max_digits=max_digits, decimal_places=places)


# The form field of one canonical field, for other apps' forms over a part of a filing (the R&D calculator).
form_field = _form_field


class FilingForm(forms.Form):
    """One year's data in the canonical fields; an empty field is unknown. The same checks as the import."""

    comment = forms.CharField(label=_("What changed and why"), required=False, max_length=500)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for name in DATA_FIELDS:
            self.fields[name] = _form_field(FIELDS_BY_NAME[name])
        self.order_fields([*DATA_FIELDS, "comment"])

    def groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        """The bound fields grouped as in the schema, for the template."""
        return [
            (title, [self[field.name] for field in fields]) for _group, title, fields in fields_by_group()
        ]

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        for name in DATA_FIELDS:
            if name in self.errors:
                continue
            value = cleaned.get(name)
            if value == "":
                value = cleaned[name] = None
            try:
                check_value(FIELDS_BY_NAME[name], value)
            except FilingValueError as error:
                self.add_error(name, str(error))
        if not self.errors:
            for name, message in cross_field_problems(cleaned):
                self.add_error(name, message)
        return cleaned

    def filing_values(self) -> dict[str, object | None]:
        return {name: self.cleaned_data.get(name) for name in DATA_FIELDS}
