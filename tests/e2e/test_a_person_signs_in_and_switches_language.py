"""A person signs in, reads the home page in Chinese, switches to English and the page follows."""

import pytest

from tests.cast import PASSWORD
from tests.e2e.conftest import sign_in

# The live server needs real transactions, whose teardown empties every table: serialized_rollback puts the
# reference data the migrations loaded back for the next test.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_sign_in_then_switch_to_english(page, alice):
    sign_in(page, "alice", PASSWORD)

    page.wait_for_selector("section.role-enterprise")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    assert "欢迎" in page.locator("h1").inner_text()
    assert "最新数据年度" in page.locator("section.role-enterprise").inner_text()

    page.click("form.language-switch button[value=en]")

    page.wait_for_selector("html[lang=en]")
    assert "Welcome" in page.locator("h1").inner_text()
    assert "Latest data year" in page.locator("section.role-enterprise").inner_text()
    assert page.locator("form.language-switch button[value=en]").is_disabled()
