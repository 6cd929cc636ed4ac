"""F1 of the security review: a member's import row must repeat the registered name, region and industry.

Any member, down to a contributor, could rename the enterprise (the certificate check then vouched for the new
name) or move it to another region mid-review. A differing identity column is now a row error naming the
column, and nothing is written; a reviewer of both regions (or an administrator) still changes it, in history.
"""

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from littlegiant.enterprises.models import AnnualFiling, Enterprise, Membership, MembershipRole
from littlegiant.enterprises.services import update_enterprise
from littlegiant.reference.models import Region
from tests.cast import COUNTY_B, make_user
from tests.enterprises.conftest import filing_row

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def _row_of(enterprise, **changes):
    identity = {
        "name": enterprise.name,
        "region_code": enterprise.region_id,
        "industry_code": enterprise.industry_id,
        "employees": 181,
    }
    return filing_row(enterprise.credit_code, **{**identity, **changes})


def _columns(report):
    return [(problem.row, problem.column) for problem in report.problems]


def test_an_owner_cannot_rename_the_enterprise(import_csv, alice, alpha):
    report = import_csv([_row_of(alpha, name="阿里巴巴（中国）有限公司")], by=alice)
    assert _columns(report) == [(2, "name")]
    assert "registered name" in report.problems[0].problem
    alpha.refresh_from_db()
    assert alpha.name != "阿里巴巴（中国）有限公司"
    assert AnnualFiling.objects.get(enterprise=alpha).employees == 180


def test_an_owner_cannot_move_the_enterprise_to_another_region(import_csv, alice, alpha):
    report = import_csv([_row_of(alpha, region_code=COUNTY_B)], by=alice)
    assert _columns(report) == [(2, "region_code")]
    assert Enterprise.objects.get(pk=alpha.pk).region_id == alpha.region_id


def test_a_contributor_is_told_every_column_that_differs(import_csv, alpha):
    clerk = make_user("clerk")
    Membership.objects.create(user=clerk, enterprise=alpha, role=MembershipRole.CONTRIBUTOR)
    report = import_csv([_row_of(alpha, name="Renamed Ltd", industry_code="3484")], by=clerk)
    assert _columns(report) == [(2, "name"), (2, "industry_code")]


def test_an_owner_repeating_the_identity_still_imports(import_csv, alice, alpha):
    assert import_csv([_row_of(alpha)], by=alice).ok
    assert AnnualFiling.objects.get(enterprise=alpha).employees == 181


def test_a_reviewer_of_the_region_renames_it_and_the_history_says_who(import_csv, hangzhou_reviewer, alpha):
    assert import_csv([_row_of(alpha, name="杭州阿尔法光电有限公司（更名）")], by=hangzhou_reviewer).ok
    alpha.refresh_from_db()
    assert alpha.name == "杭州阿尔法光电有限公司（更名）"
    assert alpha.history.first().history_user == hangzhou_reviewer


def test_the_identity_service_refuses_a_member_with_a_reason(alice, alpha):
    with pytest.raises(PermissionDenied, match="outside your jurisdiction"):
        update_enterprise(alpha, by=alice, region=Region.objects.get(code=COUNTY_B))
