"""An owner imports only their enterprises' rows; a reviewer only inside their jurisdiction; an admin all."""

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from littlegiant.enterprises.models import AnnualFiling
from tests.cast import make_user
from tests.enterprises.conftest import GAMMA_CODE, filing_row, problems_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def _row_of(enterprise, **changes):
    row = filing_row(
        enterprise.credit_code,
        name=enterprise.name,
        region_code=enterprise.region_id,
        industry_code=enterprise.industry_id,
    )
    row.update(changes)
    return row


def test_an_owner_may_update_their_own_enterprise(import_csv, alice, alpha):
    assert import_csv([_row_of(alpha, employees=181)], by=alice).ok
    assert AnnualFiling.objects.get(enterprise=alpha).employees == 181


def test_an_owner_may_not_touch_another_enterprise(import_csv, alice, alpha, beta):
    report = import_csv([_row_of(alpha), _row_of(beta, employees=200)], by=alice)
    assert problems_of(report) == [(3, "credit_code", "not your enterprise")]
    assert AnnualFiling.objects.get(enterprise=beta).employees == 180


def test_an_owner_may_not_create_an_enterprise(import_csv, alice, alpha):
    report = import_csv([filing_row()], by=alice)
    assert problems_of(report) == [(2, "credit_code", "not your enterprise")]


def test_a_municipal_reviewer_may_import_inside_their_city(import_csv, hangzhou_reviewer, alpha):
    assert import_csv([filing_row(), _row_of(alpha)], by=hangzhou_reviewer).ok


def test_a_municipal_reviewer_may_not_import_for_another_city(import_csv, hangzhou_reviewer, beta):
    report = import_csv([filing_row(), _row_of(beta)], by=hangzhou_reviewer)
    assert problems_of(report) == [(3, "credit_code", "this enterprise is outside your jurisdiction")]


def test_a_reviewer_may_not_move_an_enterprise_out_of_their_city(import_csv, hangzhou_reviewer, alpha):
    report = import_csv([_row_of(alpha, region_code="330212")], by=hangzhou_reviewer)
    assert problems_of(report) == [(2, "credit_code", "this enterprise is outside your jurisdiction")]


def test_an_administrator_may_import_anything(import_csv, admin, alpha, beta):
    assert import_csv([filing_row(), _row_of(alpha), _row_of(beta)], by=admin).ok


def test_a_person_with_no_role_is_refused_with_a_reason(import_csv):
    nobody = make_user("nobody")
    with pytest.raises(PermissionDenied, match="You act for no enterprise and review no region"):
        import_csv([filing_row()], by=nobody)
    assert not AnnualFiling.objects.filter(enterprise__credit_code=GAMMA_CODE).exists()
