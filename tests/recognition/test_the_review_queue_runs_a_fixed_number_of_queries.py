"""The review queue costs the same number of queries for 3 applications as for 40 (no N+1, no full count)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.cast import PASSWORD
from tests.recognition.conftest import bulk_applications


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    response.captured = captured.captured_queries
    return len(captured), response


def test_the_count_does_not_grow_with_the_applications(
    client, srdi_programme, hangzhou_reviewer, django_assert_max_num_queries
):
    client.login(username="hangzhou_reviewer", password=PASSWORD)
    bulk_applications(srdi_programme, 3)
    few, _ = _queries(client, "/recognition/queue/")
    bulk_applications(srdi_programme, 37)
    many, response = _queries(client, "/recognition/queue/?sort=-score")
    assert few == many
    assert response.content.decode().count("批量企业") == 40
    with django_assert_max_num_queries(few):
        client.get("/recognition/queue/?q=批量&page=1")


def test_pages_are_cut_without_counting(client, srdi_programme, hangzhou_reviewer):
    client.login(username="hangzhou_reviewer", password=PASSWORD)
    bulk_applications(srdi_programme, 51)
    _, first = _queries(client, "/recognition/queue/")
    assert first.context["pager"].next_link
    assert len(first.context["rows"]) == 50
    _, second = _queries(client, "/recognition/queue/?page=2")
    assert second.context["pager"].next_link == ""
    assert len(second.context["rows"]) == 1
    assert not any("COUNT(" in query["sql"].upper() for query in first.captured + second.captured)
