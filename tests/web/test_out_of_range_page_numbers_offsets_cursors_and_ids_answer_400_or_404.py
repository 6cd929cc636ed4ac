"""F7 of the security review: a page, offset, cursor or id of 2^63 or 5,000 digits is a client error, never a 500.

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
    "/api/techtransfer/search?q=test&page={n}",
    "/api/techtransfer/search?q=test&institution={n}",
]
SIGNED_IN = [
    "/enterprises/?page={n}",
    "/recognition/queue/?page={n}",
    "/services/requests/?page={n}",
    "/services/scorecards/?page={n}",
    "/services/catalogue/?page={n}",
    "/api/recognition/queue?page={n}",
    "/api/services/scorecards?offset={n}",
]


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


def test_a_cursor_with_an_enormous_offset_answers_400(client, admin):
    client.force_login(admin)
    assert _status(client, f"/api/enterprises/?cursor={CURSOR}") == 400


def test_an_enormous_enterprise_id_answers_404(client, admin):
    client.force_login(admin)
    assert _status(client, f"/api/enterprises/{HUGE}") in (404, 422)


def test_an_ordinary_page_still_works(client, admin):
    client.force_login(admin)
    assert _status(client, "/enterprises/?page=1") == 200
    assert _status(client, "/api/services/scorecards?offset=0") == 200
