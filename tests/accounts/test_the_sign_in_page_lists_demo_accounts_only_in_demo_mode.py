"""The demo accounts and their password appear on the sign-in page when DEMO is on, and never otherwise."""

import pytest

from littlegiant.accounts.demo import DEMO_PASSWORD, register_demo_account
from tests.cast import make_user


@pytest.fixture
def demo_owner(db):
    user = make_user("owner")
    register_demo_account(user, "Enterprise owner", "企业负责人", "Self-assessment")
    return user


def test_demo_mode_lists_username_role_and_password(client, demo_owner, settings):
    settings.DEMO = True
    html = client.get("/accounts/login/").content.decode()
    assert "<code>owner</code>" in html
    assert "企业负责人" in html
    assert DEMO_PASSWORD in html


def test_the_english_page_shows_the_english_role(client, demo_owner, settings):
    settings.DEMO = True
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/accounts/login/").content.decode()
    assert "Enterprise owner" in html


def test_outside_demo_mode_nothing_is_listed(client, demo_owner, settings):
    settings.DEMO = False
    html = client.get("/accounts/login/").content.decode()
    assert "<code>owner</code>" not in html
    assert DEMO_PASSWORD not in html


def test_the_sign_in_form_keeps_its_class_for_the_browser_tests(client, db):
    html = client.get("/accounts/login/").content.decode()
    assert 'class="stacked sign-in card"' in html
