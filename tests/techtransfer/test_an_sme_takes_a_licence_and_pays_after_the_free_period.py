"""The licence lifecycle through the services: accept, reminder, paying, statements, payments, end."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from littlegiant.notifications.models import Notification
from littlegiant.techtransfer import services
from littlegiant.techtransfer.models import LicenceStatus
from tests.techtransfer.conftest import click_through

START = date(2026, 1, 5)


@pytest.fixture
def licence(listing, alice, alpha):
    return services.accept_standard_licence(
        listing, enterprise=alpha, by=alice, click=click_through(), today=START
    )


def test_the_acceptance_records_who_which_version_when_and_from_where(licence, alice, alpha):
    acceptance = licence.acceptance
    assert (acceptance.accepted_by, acceptance.enterprise, acceptance.licence_text.version) == (
        alice,
        alpha,
        "v1",
    )
    assert (acceptance.ip_address, acceptance.user_agent) == ("203.0.113.9", "pytest")
    assert licence.status == LicenceStatus.TRIAL
    assert (licence.starts_on, licence.paying_from) == (START, date(2027, 1, 5))


def test_the_sme_is_reminded_once_before_the_free_period_ends(licence, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert services.follow_up_licences(today=date(2026, 11, 1)).reminded == 0
        assert services.follow_up_licences(today=date(2026, 12, 10)).reminded == 1
        assert services.follow_up_licences(today=date(2026, 12, 11)).reminded == 0
    assert len(mail.outbox) == 1
    assert licence.enterprise.memberships.get().user.notifications.count() == 1
    assert "2027-01-05" in mail.outbox[0].subject
    # The same notice waits on the enterprise's home page, linking to the licence (issue 11, item 5).
    notice = Notification.objects.get(recipient__memberships__enterprise=licence.enterprise)
    assert notice.link == f"/techtransfer/licences/{licence.pk}/"


def test_the_licence_starts_paying_when_the_free_period_ends(licence):
    services.follow_up_licences(today=date(2027, 1, 4))
    licence.refresh_from_db()
    assert licence.status == LicenceStatus.TRIAL
    services.follow_up_licences(today=date(2027, 1, 5))
    licence.refresh_from_db()
    assert licence.status == LicenceStatus.PAYING
    assert Notification.objects.filter(subject__contains=licence.listing.title).count() >= 1


def test_figures_cannot_be_reported_during_the_free_period(licence, alice):
    with pytest.raises(ValidationError, match="free period is over"):
        services.report_period(
            licence,
            by=alice,
            period_start=START,
            period_end=date(2026, 3, 31),
            net_sales=Decimal(1000),
            today=date(2026, 4, 1),
        )


def test_a_statement_shows_the_royalty_and_the_officer_records_payment(licence, alice, olivia):
    services.follow_up_licences(today=date(2027, 1, 5))
    statement = services.report_period(
        licence,
        by=alice,
        period_start=date(2027, 1, 5),
        period_end=date(2027, 3, 31),
        net_sales=Decimal("1000000"),
        today=date(2027, 4, 2),
    )
    assert statement.amount_due == Decimal("30000.00")
    services.record_payment(statement, by=olivia, amount=Decimal("10000"), paid_on=date(2027, 4, 20))
    assert statement.amount_due - statement.paid() == Decimal("20000.00")
    with pytest.raises(ValidationError, match="20000.00"):
        services.record_payment(statement, by=olivia, amount=Decimal("20000.01"), paid_on=date(2027, 4, 21))


def test_overlapping_periods_are_refused(licence, alice):
    services.follow_up_licences(today=date(2027, 1, 5))
    services.report_period(
        licence,
        by=alice,
        period_start=date(2027, 1, 5),
        period_end=date(2027, 3, 31),
        net_sales=Decimal(1),
        today=date(2027, 4, 2),
    )
    with pytest.raises(ValidationError, match="2027-03-31"):
        services.report_period(
            licence,
            by=alice,
            period_start=date(2027, 3, 1),
            period_end=date(2027, 4, 30),
            net_sales=Decimal(1),
            today=date(2027, 5, 2),
        )


def test_the_licence_expires_with_the_patent(licence):
    services.follow_up_licences(today=date(2042, 6, 2))
    licence.refresh_from_db()
    assert (licence.status, licence.ended_on) == (LicenceStatus.EXPIRED, date(2042, 6, 1))


def test_the_officer_converts_a_licence_into_an_assignment(licence, olivia):
    services.end_licence(
        licence, by=olivia, outcome="assigned", comment="双方协商转让", today=date(2026, 6, 1)
    )
    licence.refresh_from_db()
    assert licence.status == LicenceStatus.ASSIGNED
    assert licence.events.filter(action="end", from_state="trial", to_state="assigned").exists()


def test_an_exclusive_patent_cannot_be_licensed_twice(olivia, hangzhou_university, alice, alpha, bob, beta):
    from tests.techtransfer.conftest import list_patent

    exclusive = list_patent(olivia, hangzhou_university, exclusive=True)
    services.accept_standard_licence(
        exclusive, enterprise=alpha, by=alice, click=click_through(), today=START
    )
    with pytest.raises(ValidationError, match="exclusively"):
        services.accept_standard_licence(
            exclusive, enterprise=beta, by=bob, click=click_through(), today=START
        )


def test_varied_terms_are_offered_by_the_officer_and_accepted_by_the_sme(listing, olivia, alice, alpha):
    offer = services.offer_varied_licence(
        listing,
        enterprise=alpha,
        by=olivia,
        terms={"free_months": 6, "royalty_rate": Decimal("2.5")},
        note="中试阶段，费率下调",
        today=START,
    )
    assert offer.status == LicenceStatus.OFFERED and offer.is_variation
    licence = services.accept_varied_licence(offer, by=alice, click=click_through(), today=START)
    assert (licence.status, licence.royalty_rate, licence.paying_from) == (
        "trial",
        Decimal("2.5"),
        date(2026, 7, 5),
    )
