"""The web pages: search, listing, click-through acceptance, reporting and payment, each through its form."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from littlegiant.techtransfer import services
from littlegiant.techtransfer.models import Licence, LicenceStatus, Statement
from tests.cast import PASSWORD


def _shift_into_the_past(licence: Licence, days: int) -> None:
    # Time passes: the licence's dates move back as if `days` had gone by.
    Licence.objects.filter(pk=licence.pk).update(
        starts_on=licence.starts_on - timedelta(days=days),
        paying_from=licence.paying_from - timedelta(days=days),
    )


def test_an_anonymous_visitor_finds_a_listing_with_a_chinese_query(client, listing):
    response = client.get(reverse("techtransfer:home"), {"q": "锂电池 正极"})
    assert response.status_code == 200
    assert "<mark>锂电池</mark>" in response.content.decode()


def test_the_listing_page_shows_terms_and_the_unconfirmed_note(client, listing):
    page = client.get(reverse("techtransfer:listing", args=[listing.pk])).content.decode()
    assert listing.title in page
    assert "[U]" in page


def test_an_sme_accepts_reports_and_the_officer_records_payment(client, listing, alice, alpha, olivia):
    client.login(username="alice", password=PASSWORD)
    accept_url = reverse("techtransfer:accept", args=[listing.pk])
    assert "v1" in client.get(accept_url).content.decode()
    response = client.post(
        accept_url, {"enterprise": alpha.pk, "version": "v1", "agree": "on"}, HTTP_USER_AGENT="Test browser"
    )
    licence = Licence.objects.get()
    assert response.status_code == 302
    assert licence.acceptance.user_agent == "Test browser"
    _shift_into_the_past(licence, 400)
    services.follow_up_licences(today=timezone.localdate())
    licence.refresh_from_db()
    assert licence.status == LicenceStatus.PAYING
    start = licence.paying_from
    response = client.post(
        reverse("techtransfer:report", args=[licence.pk]),
        {
            "period_start": start.isoformat(),
            "period_end": (start + timedelta(days=29)).isoformat(),
            "net_sales": "200000",
        },
    )
    statement = Statement.objects.get()
    assert str(statement.amount_due) == "6000.00"
    page = client.get(reverse("techtransfer:licence", args=[licence.pk])).content.decode()
    assert "6000.00" in page
    client.logout()
    client.login(username="olivia", password=PASSWORD)
    client.post(
        reverse("techtransfer:payment", args=[licence.pk]),
        {
            "statement": statement.pk,
            "amount": "6000.00",
            "paid_on": date.today().isoformat(),
            "reference": "B1",
        },
    )
    assert str(statement.paid()) == "6000.00"
    assert client.get(reverse("techtransfer:reports")).status_code == 200


@pytest.mark.parametrize("name", ["home", "licences", "recommendations"])
def test_sme_pages_render(client, listing, alice, name):
    client.login(username="alice", password=PASSWORD)
    assert client.get(reverse(f"techtransfer:{name}")).status_code == 200


@pytest.mark.parametrize("name", ["listing_new", "mine", "import", "reports", "licences"])
def test_officer_pages_render(client, listing, olivia, name):
    client.login(username="olivia", password=PASSWORD)
    assert client.get(reverse(f"techtransfer:{name}")).status_code == 200


def test_the_officer_lists_a_patent_through_the_form(client, olivia, hangzhou_university):
    from tests.techtransfer.conftest import STANDARD_VALUES

    client.login(username="olivia", password=PASSWORD)
    data = {
        k: ("" if v is None else ("on" if v is True else v))
        for k, v in STANDARD_VALUES.items()
        if v is not False
    }
    data.update(
        {
            "institution": hangzhou_university.pk,
            "publish": "on",
            "industries": ["38"],
            "expires_on": "2042-06-01",
        }
    )
    response = client.post(reverse("techtransfer:listing_new"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert (
        client.get(reverse("techtransfer:home"), {"q": "高镍"}).content.decode().count('class="tt-hit"') == 1
    )
