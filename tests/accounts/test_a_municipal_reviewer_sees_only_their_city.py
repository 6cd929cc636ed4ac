"""Enterprise.objects.for_user: a municipal reviewer of Hangzhou never sees Ningbo's enterprises, and back."""

from littlegiant.enterprises.models import Enterprise


def test_hangzhou_sees_alpha_and_not_beta(hangzhou_reviewer, alpha, beta):
    assert list(Enterprise.objects.for_user(hangzhou_reviewer)) == [alpha]


def test_ningbo_sees_beta_and_not_alpha(ningbo_reviewer, alpha, beta):
    assert list(Enterprise.objects.for_user(ningbo_reviewer)) == [beta]


def test_a_provincial_reviewer_of_zhejiang_sees_both(provincial_reviewer, alpha, beta):
    assert set(Enterprise.objects.for_user(provincial_reviewer)) == {alpha, beta}
