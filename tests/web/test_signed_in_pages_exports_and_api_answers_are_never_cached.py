"""F12 of the security review: signed-in pages, exports and API JSON (financial filings) carried no
Cache-Control, so a shared or browser cache could keep them; public pages stay cacheable."""

import pytest

pytestmark = pytest.mark.django_db


def _directives(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",")}


@pytest.mark.parametrize(
    "url",
    ["/enterprises/?q=a", "/enterprises/export/?format=csv", "/api/enterprises/"],
    ids=["page", "export", "api"],
)
def test_a_signed_in_answer_is_no_store_and_private(client, alice, alpha, url):
    client.force_login(alice)
    response = client.get(url)
    assert response.status_code == 200
    assert {"no-store", "private"} <= _directives(response)


def test_an_anonymous_api_answer_is_no_store(client):
    response = client.get("/api/techtransfer/search?q=test")
    assert "no-store" in _directives(response)


def test_a_public_page_to_a_stranger_is_not_marked(client):
    response = client.get("/recognition/recognised/")
    assert "no-store" not in _directives(response)


def test_a_session_lasts_a_working_day_not_two_weeks(settings):
    assert settings.SESSION_COOKIE_AGE <= 12 * 60 * 60
