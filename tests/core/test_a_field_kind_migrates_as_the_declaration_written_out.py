"""Each field kind of `model_fields` is the stock Django field written out in full: its migration reads the same,
so a model moved onto the functions changes no migration."""

import pytest
from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models

from littlegiant.model_fields import (
    money_field,
    optional_foreign_key,
    optional_person_field,
    unknown_count_field,
    unknown_decimal_field,
    unknown_flag_field,
)

CASES = [
    (
        money_field("revenue"),
        models.DecimalField("revenue", max_digits=20, decimal_places=2, null=True, blank=True),
    ),
    (
        money_field("fee", max_digits=16, validators=[MinValueValidator(0)]),
        models.DecimalField(
            "fee", max_digits=16, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
        ),
    ),
    (
        unknown_decimal_field("share", max_digits=9, decimal_places=6),
        models.DecimalField("share", max_digits=9, decimal_places=6, null=True, blank=True),
    ),
    (unknown_count_field("staff"), models.PositiveIntegerField("staff", null=True, blank=True)),
    (unknown_flag_field("own brand"), models.BooleanField("own brand", null=True, blank=True)),
    (
        optional_foreign_key("reference.Region", related_name="reviewers", verbose_name="region"),
        models.ForeignKey(
            "reference.Region",
            on_delete=models.PROTECT,
            null=True,
            blank=True,
            related_name="reviewers",
            verbose_name="region",
        ),
    ),
    (
        optional_person_field(),
        models.ForeignKey(
            settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
        ),
    ),
    (
        optional_person_field(on_delete=models.SET_NULL, related_name="imports", verbose_name="imported by"),
        models.ForeignKey(
            settings.AUTH_USER_MODEL,
            on_delete=models.SET_NULL,
            null=True,
            blank=True,
            related_name="imports",
            verbose_name="imported by",
        ),
    ),
]


@pytest.mark.parametrize(("kind", "written_out"), CASES)
def test_it_deconstructs_as_the_field_written_out(kind: models.Field, written_out: models.Field):
    assert type(kind) is type(written_out)
    assert kind.deconstruct()[1:] == written_out.deconstruct()[1:]
