"""Permission boundaries: who may list, answer, accept, report, record payments and see reports, and why
not."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from littlegiant.techtransfer import services
from littlegiant.techtransfer.models import Enquiry, Licence, PatentListing
from littlegiant.techtransfer.reports import institutions_for
from tests.cast import make_user
from tests.techtransfer.conftest import STANDARD_VALUES, click_through

TODAY = date(2026, 1, 5)


@pytest.fixture
def licence(listing, alice, alpha):
    return services.accept_standard_licence(
        listing, enterprise=alpha, by=alice, click=click_through(), today=TODAY
    )


def test_an_officer_cannot_list_for_another_institution(oscar, hangzhou_university):
    with pytest.raises(PermissionDenied, match="浙江某某理工大学"):
        services.save_listing(by=oscar, institution=hangzhou_university, values=STANDARD_VALUES)


def test_an_sme_cannot_list_patents(alice, hangzhou_university):
    with pytest.raises(PermissionDenied):
        services.save_listing(by=alice, institution=hangzhou_university, values=STANDARD_VALUES)


def test_another_institution_cannot_answer_an_enquiry(listing, alice, alpha, oscar):
    enquiry = services.make_enquiry(listing, enterprise=alpha, by=alice, kind="question", message="样品？")
    with pytest.raises(PermissionDenied):
        services.answer_enquiry(enquiry, by=oscar, answer="有")


def test_nobody_acts_for_an_enterprise_they_do_not_belong_to(listing, bob, alpha):
    with pytest.raises(PermissionDenied, match="do not act for"):
        services.accept_standard_licence(
            listing, enterprise=alpha, by=bob, click=click_through(), today=TODAY
        )


def test_a_contributor_may_ask_but_not_accept(listing, alpha):
    from littlegiant.enterprises.models import Membership

    carol = make_user("carol")
    Membership.objects.create(user=carol, enterprise=alpha, role="contributor")
    services.make_enquiry(listing, enterprise=alpha, by=carol, kind="interest", message="感兴趣")
    with pytest.raises(PermissionDenied, match="owner or a delegate"):
        services.accept_standard_licence(
            listing, enterprise=alpha, by=carol, click=click_through(), today=TODAY
        )


def test_the_licensee_cannot_record_its_own_payment(licence, alice):
    services.follow_up_licences(today=date(2027, 1, 5))
    statement = services.report_period(
        licence,
        by=alice,
        period_start=date(2027, 1, 5),
        period_end=date(2027, 1, 31),
        net_sales=Decimal(1000),
        today=date(2027, 2, 1),
    )
    with pytest.raises(PermissionDenied):
        services.record_payment(statement, by=alice, amount=Decimal(30), paid_on=date(2027, 2, 2))


def test_another_institution_cannot_end_a_licence(licence, oscar):
    with pytest.raises(PermissionDenied):
        services.end_licence(licence, by=oscar, outcome="terminated", comment="x", today=TODAY)


def test_drafts_are_hidden_from_the_public_and_other_institutions(olivia, oscar, alice, hangzhou_university):
    from django.contrib.auth.models import AnonymousUser

    draft = services.save_listing(by=olivia, institution=hangzhou_university, values=STANDARD_VALUES)
    assert not PatentListing.objects.for_user(AnonymousUser()).filter(pk=draft.pk).exists()
    assert not PatentListing.objects.for_user(oscar).filter(pk=draft.pk).exists()
    assert not PatentListing.objects.for_user(alice).filter(pk=draft.pk).exists()
    assert PatentListing.objects.for_user(olivia).filter(pk=draft.pk).exists()


def test_licences_are_seen_by_their_parties_and_officials_over_the_institution(
    licence, alice, bob, olivia, oscar, hangzhou_reviewer, ningbo_reviewer, provincial_reviewer, admin
):
    def sees(user):
        return Licence.objects.for_user(user).filter(pk=licence.pk).exists()

    assert [sees(u) for u in (alice, olivia, hangzhou_reviewer, provincial_reviewer, admin)] == [True] * 5
    assert [sees(u) for u in (bob, oscar, ningbo_reviewer)] == [False] * 3


def test_enquiries_are_private_to_the_enterprise_and_the_institution(
    listing, alice, alpha, bob, olivia, oscar
):
    services.make_enquiry(listing, enterprise=alpha, by=alice, kind="question", message="价格？")
    assert Enquiry.objects.for_user(alice).count() == Enquiry.objects.for_user(olivia).count() == 1
    assert Enquiry.objects.for_user(bob).count() == Enquiry.objects.for_user(oscar).count() == 0


def test_reports_cover_own_institution_or_jurisdiction(
    olivia, oscar, hangzhou_reviewer, ningbo_reviewer, alice, hangzhou_university, ningbo_institute
):
    assert list(institutions_for(olivia)) == [hangzhou_university]
    assert list(institutions_for(hangzhou_reviewer)) == [hangzhou_university]
    assert list(institutions_for(ningbo_reviewer)) == [ningbo_institute]
    assert list(institutions_for(alice)) == []


def test_the_pages_refuse_with_a_reason(client, licence, bob, oscar):
    from django.urls import reverse

    from tests.cast import PASSWORD

    client.login(username="bob", password=PASSWORD)
    assert client.get(reverse("techtransfer:licence", args=[licence.pk])).status_code == 404
    assert client.get(reverse("techtransfer:listing_new")).status_code == 403
    client.login(username="oscar", password=PASSWORD)
    response = client.get(reverse("techtransfer:listing_edit", args=[licence.listing_id]))
    assert response.status_code == 403
