"""The home page has a section per role: the enterprise acted for, a reviewer's jurisdiction, the platform."""

from django.urls import reverse
from django.utils import translation

from littlegiant.enterprises.models import AnnualFiling
from tests.cast import good_filing_values, make_user


def _home(client, user):
    client.force_login(user)
    return client.get(reverse("web:home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_a_signed_out_visitor_is_sent_to_sign_in(client, db):
    response = client.get(reverse("web:home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login")


def test_the_owner_sees_their_enterprise_and_its_latest_year(client, alice, alpha):
    AnnualFiling.objects.create(enterprise=alpha, year=2024, **good_filing_values())
    html = _home(client, alice)
    assert "杭州阿尔法光电科技有限公司" in html
    assert alpha.credit_code in html
    assert '<p class="stat">2025</p>' in html
    assert "2 years of data on file" in html


def test_the_owner_does_not_see_a_reviewer_section(client, alice):
    assert "Enterprises in your jurisdiction" not in _home(client, alice)


def test_a_municipal_reviewer_counts_only_their_city(client, hangzhou_reviewer, alpha, beta):
    html = _home(client, hangzhou_reviewer)
    assert "Enterprises in your jurisdiction" in html
    assert '<p class="stat">1</p>' in html
    assert "Enterprises by county" in html
    assert "西湖区" in html
    assert "鄞州区" not in html


def test_a_provincial_reviewer_sees_the_cities(client, provincial_reviewer, alpha, beta):
    html = _home(client, provincial_reviewer)
    assert '<p class="stat">2</p>' in html
    assert "杭州市" in html
    assert "宁波市" in html


def test_an_administrator_sees_platform_counts_and_admin_links(client, admin, alpha, beta):
    html = _home(client, admin)
    assert "Yearly filings" in html
    assert reverse("admin:accounts_user_changelist") in html


def test_someone_without_a_role_is_told_how_to_get_one(client, db):
    html = _home(client, make_user("newcomer"))
    with translation.override("en"):
        assert "Your account has no role yet." in html


def test_the_reviewer_home_page_runs_a_bounded_number_of_queries(
    client, provincial_reviewer, alpha, beta, django_assert_max_num_queries
):
    client.force_login(provincial_reviewer)
    # 18 for the sections, plus the to-do list (one count of the applications at the reviewer's stages, the
    # assignments it reads twice, the objections and the notices ending) and the unread notices beside it, and
    # the county SME authority roles (the clusters app's role provider).
    with django_assert_max_num_queries(24):
        assert client.get(reverse("web:home")).status_code == 200
