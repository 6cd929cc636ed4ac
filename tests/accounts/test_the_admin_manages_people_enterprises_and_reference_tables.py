"""The admin lists people (reviewer assignments inline), enterprises, memberships and reference tables."""

import pytest
from django.urls import reverse

PAGES = [
    "admin:accounts_user_changelist",
    "admin:accounts_reviewerassignment_changelist",
    "admin:accounts_loginfailure_changelist",
    "admin:accounts_demoaccount_changelist",
    "admin:enterprises_enterprise_changelist",
    "admin:enterprises_annualfiling_changelist",
    "admin:enterprises_membership_changelist",
    "admin:reference_region_changelist",
    "admin:reference_industryclass_changelist",
]


@pytest.mark.parametrize("page", PAGES)
def test_each_list_opens(client, admin, alice, hangzhou_reviewer, page):
    client.force_login(admin)
    assert client.get(reverse(page)).status_code == 200


def test_a_reviewer_s_page_shows_the_assignment_inline(client, admin, hangzhou_reviewer):
    client.force_login(admin)
    html = client.get(reverse("admin:accounts_user_change", args=[hangzhou_reviewer.pk])).content.decode()
    assert "reviewer_assignments-0-level" in html


def test_an_enterprise_s_page_shows_its_filings(client, admin, alpha):
    client.force_login(admin)
    html = client.get(reverse("admin:enterprises_enterprise_change", args=[alpha.pk])).content.decode()
    assert "filings-0-year" in html


def test_reference_tables_are_read_only(client, admin):
    client.force_login(admin)
    assert client.get(reverse("admin:reference_region_add")).status_code == 403
