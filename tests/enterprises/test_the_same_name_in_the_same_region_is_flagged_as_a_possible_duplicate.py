"""One credit code, one enterprise; two codes with one name in one region are flagged for a reviewer."""

import pytest
from django.core.exceptions import ValidationError

from littlegiant.enterprises.models import Enterprise
from littlegiant.enterprises.services import register_enterprise, update_enterprise
from littlegiant.identifiers import make_credit_code
from littlegiant.reference.models import IndustryClass, Region
from tests.cast import COUNTY_A, COUNTY_B
from tests.enterprises.conftest import filing_row

pytestmark = pytest.mark.django_db


def _register(name, county, body, by):
    return register_enterprise(
        credit_code=make_credit_code("91", county, body),
        name=name,
        region=Region.objects.get(pk=county),
        industry=IndustryClass.objects.get(pk="3973"),
        by=by,
    )


def test_both_are_flagged(alpha, admin):
    twin = _register(alpha.name, COUNTY_A, "MA9Z8Y7X".replace("Z", "W"), admin)
    alpha.refresh_from_db()
    assert twin.possible_duplicate and alpha.possible_duplicate


def test_the_same_name_elsewhere_is_not_flagged(alpha, admin):
    other = _register(alpha.name, COUNTY_B, "MA9W8Y7X", admin)
    alpha.refresh_from_db()
    assert not other.possible_duplicate and not alpha.possible_duplicate


def test_a_rename_into_a_clash_flags_both(alpha, admin):
    other = _register("杭州别的公司", COUNTY_A, "MA9W8Y7X", admin)
    other = update_enterprise(other, name=alpha.name, by=admin)
    alpha.refresh_from_db()
    assert other.possible_duplicate and alpha.possible_duplicate


def test_a_second_enterprise_with_the_same_credit_code_is_refused(alpha, admin):
    with pytest.raises(ValidationError) as caught:
        register_enterprise(
            credit_code=alpha.credit_code,
            name="另一家",
            region=alpha.region,
            industry=alpha.industry,
            by=admin,
        )
    assert "credit_code" in caught.value.message_dict


def test_an_import_flags_a_same_named_newcomer(import_csv, alpha):
    newcomer = make_credit_code("91", COUNTY_A, "MA9W8Y7X")
    assert import_csv([filing_row(newcomer, name=alpha.name)]).ok
    assert set(Enterprise.objects.values_list("possible_duplicate", flat=True)) == {True}
