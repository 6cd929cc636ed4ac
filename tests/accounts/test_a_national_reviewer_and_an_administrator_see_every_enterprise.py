"""National reviewers and administrators see every enterprise, in any province."""

from littlegiant.enterprises.models import Enterprise
from tests.cast import make_enterprise


def test_national_sees_all_provinces(national_reviewer, alpha, beta):
    guangzhou = make_enterprise("广州伽马电子有限公司", "440106", "MA5C9D2E")
    assert set(Enterprise.objects.for_user(national_reviewer)) == {alpha, beta, guangzhou}


def test_an_administrator_sees_all(admin, alpha, beta):
    assert set(Enterprise.objects.for_user(admin)) == {alpha, beta}


def test_an_inactive_national_reviewer_sees_nothing(national_reviewer, alpha):
    national_reviewer.is_active = False
    national_reviewer.save()
    assert not Enterprise.objects.for_user(national_reviewer).exists()
