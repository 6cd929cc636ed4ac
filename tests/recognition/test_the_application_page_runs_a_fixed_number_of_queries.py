"""The application page costs the same number of queries however many applications exist."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.cast import PASSWORD
from tests.recognition.conftest import bulk_applications


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_the_count_does_not_grow_with_the_applications(client, srdi_programme, submitted, hangzhou_reviewer):
    client.login(username="hangzhou_reviewer", password=PASSWORD)
    url = f"/recognition/applications/{submitted.pk}/"
    few = _queries(client, url)
    bulk_applications(srdi_programme, 30)
    assert _queries(client, url) == few


def test_the_enterprises_view_of_a_draft_is_bounded_too(client, srdi_programme, draft, alice):
    client.login(username="alice", password=PASSWORD)
    url = f"/recognition/applications/{draft.pk}/"
    few = _queries(client, url)
    bulk_applications(srdi_programme, 30)
    assert _queries(client, url) == few
