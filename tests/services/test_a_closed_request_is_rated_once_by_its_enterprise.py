"""Satisfaction: once closed, the requesting enterprise — and only it, once per request — rates it 1 to 5."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from littlegiant.services import services
from littlegiant.services.models import ServiceRating


@pytest.fixture
def accepted(alice, alpha, xihu_centre, carol):
    request = services.file_request(alpha, by=alice, category="financing", title="贷款", description="说明")
    return services.accept(request, by=carol)


@pytest.fixture
def closed(accepted, carol):
    return services.close(accepted, by=carol, resolution="对接了两家银行", free_of_charge=True)


def test_the_owner_rates_a_closed_request(closed, alice, xihu_centre):
    rating = services.rate(closed, by=alice, score=5, comment="很及时")
    assert rating.institution == xihu_centre
    assert rating.score == 5


def test_a_request_is_rated_only_once(closed, alice):
    services.rate(closed, by=alice, score=4)
    with pytest.raises(PermissionDenied, match="already been rated"):
        services.rate(closed, by=alice, score=1)
    assert ServiceRating.objects.count() == 1


def test_an_open_request_cannot_be_rated(accepted, alice):
    with pytest.raises(PermissionDenied, match="once it is closed"):
        services.rate(accepted, by=alice, score=3)


def test_another_enterprise_cannot_rate_it(closed, bob):
    with pytest.raises(PermissionDenied, match="requesting enterprise"):
        services.rate(closed, by=bob, score=1)


def test_the_institutions_staff_cannot_rate_it(closed, carol):
    with pytest.raises(PermissionDenied):
        services.rate(closed, by=carol, score=5)


def test_a_contributor_of_the_enterprise_cannot_rate_it(closed, alpha, db):
    from littlegiant.enterprises.models import Membership
    from tests.cast import make_user

    contributor = make_user("connie")
    Membership.objects.create(user=contributor, enterprise=alpha, role="contributor")
    with pytest.raises(PermissionDenied, match="owner or a delegate"):
        services.rate(closed, by=contributor, score=5)


@pytest.mark.parametrize("score", [0, 6, -1])
def test_a_score_outside_one_to_five_is_refused(closed, alice, score):
    with pytest.raises(ValidationError) as error:
        services.rate(closed, by=alice, score=score)
    assert "score" in error.value.message_dict
