"""F7 of the security review: a page, cursor or id of 2^63 or 5,000 digits is a client error, never a 500.

SQLite cannot hold 2^63 in OFFSET ("Python int too large to convert to SQLite INTEGER") and Python refuses to
read more than 4,300 digits: both used to surface as server errors.
"""

import base64

import pytest

pytestmark = pytest.mark.django_db

HUGE = str(2**63)
LONG = "1" * 5000
CURSOR = base64.b64encode(b"o=99999999999999999999999&r=1&p=x").decode()

ANONYMOUS = [
    "/recognition/recognised/?page={n}",
    "/techtransfer/?q=test&page={n}",
    "/api/techtransfer/search?q=test&institution={n}",
]
SIGNED_IN = [
    "/enterprises/?page={n}",
    "/recognition/queue/?page={n}",
    "/services/requests/?page={n}",
    "/services/scorecards/?page={n}",
    "/services/catalogue/?page={n}",
]
# Every API list pages by cursor (littlegiant.pagination): a cursor is the client's to alter.
API_LISTS = [
    "/api/techtransfer/search?q=test&",
    "/api/enterprises/?",
    "/api/recognition/queue?",
    "/api/services/scorecards?",
    "/api/services/requests?",
    "/api/techtransfer/licences?",
]
ALTERED = {
    "enormous offset": CURSOR,
    "position of 2^63": base64.b64encode(f"p={HUGE}".encode()).decode(),
    "position of 5000 digits": base64.b64encode(f"p={LONG}".encode()).decode(),
    "position not a value": base64.b64encode(b"p=x").decode(),
    "not base64": "%%%",
}


def _status(client, url: str) -> int:
    client.raise_request_exception = False
    return client.get(url).status_code


@pytest.mark.parametrize("number", [HUGE, LONG], ids=["2^63", "5000 digits"])
@pytest.mark.parametrize("url", ANONYMOUS)
def test_anonymous_lists_answer_a_client_error(client, url, number):
    assert _status(client, url.format(n=number)) in (400, 404, 422)


@pytest.mark.parametrize("number", [HUGE, LONG], ids=["2^63", "5000 digits"])
@pytest.mark.parametrize("url", SIGNED_IN)
def test_signed_in_lists_answer_a_client_error(client, admin, url, number):
    client.force_login(admin)
    assert _status(client, url.format(n=number)) in (400, 404, 422)


@pytest.mark.parametrize("cursor", ALTERED.values(), ids=ALTERED.keys())
@pytest.mark.parametrize("url", API_LISTS)
def test_an_altered_api_cursor_answers_400_or_an_empty_page(client, admin, url, cursor):
    """A position the sort field cannot hold is refused; a text position past every row is an empty page."""
    client.force_login(admin)
    client.raise_request_exception = False
    response = client.get(f"{url}cursor={cursor}")
    assert response.status_code == 400 or (response.status_code == 200 and response.json()["results"] == [])


def test_an_enormous_enterprise_id_answers_404(client, admin):
    client.force_login(admin)
    assert _status(client, f"/api/enterprises/{HUGE}") in (404, 422)


def test_an_ordinary_page_still_works(client, admin):
    client.force_login(admin)
    assert _status(client, "/enterprises/?page=1") == 200
    assert _status(client, "/api/services/scorecards?page_size=1") == 200
