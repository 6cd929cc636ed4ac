"""The queue's Next and Previous links walk every awaiting application once, in order, whatever the sort."""

import re
from html import unescape

import pytest

from littlegiant.recognition.models import Application
from tests.cast import PASSWORD
from tests.recognition.conftest import bulk_applications


def _names(response) -> list[str]:
    return re.findall(r"批量企业\d{5}", response.content.decode())


def _link(response, label: str) -> str | None:
    found = re.search(rf'<a href="(\?[^"]*)"[^>]*>(?:{label})</a>', response.content.decode())
    return unescape(found.group(1)) if found else None


@pytest.mark.parametrize("sort", ["submitted", "-submitted", "name", "-score"])
def test_next_then_previous_visit_each_application_once(client, srdi_programme, hangzhou_reviewer, sort):
    client.login(username="hangzhou_reviewer", password=PASSWORD)
    made = bulk_applications(srdi_programme, 123)
    # Ties and missing scores, which a cursor must step over without losing or repeating a row.
    ids = [application.pk for application in made]
    Application.objects.filter(pk__in=ids[::3]).update(score=None)
    Application.objects.filter(pk__in=ids[1::3]).update(score=55)
    pages = []
    response = client.get(f"/recognition/queue/?sort={sort}")
    pages.append(_names(response))
    while (following := _link(response, "下一页|Next")) is not None:
        assert "after=" in following
        response = client.get("/recognition/queue/" + following)
        pages.append(_names(response))
    walked = [name for page in pages for name in page]
    assert [len(page) for page in pages] == [50, 50, 23]
    assert sorted(walked) == sorted(set(walked)) and len(walked) == 123
    by_offset = [
        name
        for page in (1, 2, 3)
        for name in _names(client.get(f"/recognition/queue/?sort={sort}&page={page}"))
    ]
    assert walked == by_offset
    back = client.get("/recognition/queue/" + _link(response, "上一页|Previous"))
    assert _names(back) == pages[1]
    assert _link(back, "下一页|Next") is not None


def test_a_damaged_page_link_starts_again_from_the_first_page(client, srdi_programme, hangzhou_reviewer):
    client.login(username="hangzhou_reviewer", password=PASSWORD)
    bulk_applications(srdi_programme, 3)
    response = client.get("/recognition/queue/?page=4&after=not-a-cursor")
    assert response.status_code == 200
    assert response.context["pager"].number == 1
    assert len(_names(response)) == 3
