"""Every list's pager is one partial: the same words (zh-Hans first), an accessible nav, the filters kept."""

from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

from littlegiant.pagination import PageLinks, page_link, page_of


def _pager(pager) -> str:
    with translation.override("zh-hans"):
        return render_to_string("pager.html", {"pager": pager})


def test_a_middle_page_links_both_ways_and_keeps_the_other_parameters():
    page = page_of(
        list(range(120)), RequestFactory().get("/", {"page": "2", "q": "杭州", "sort": "name"}), size=50
    )
    html = _pager(page)
    assert '<nav class="pager" aria-label="分页">' in html
    assert '<a href="?q=%E6%9D%AD%E5%B7%9E&amp;sort=name&amp;page=1" rel="prev">上一页</a>' in html
    assert '<a href="?q=%E6%9D%AD%E5%B7%9E&amp;sort=name&amp;page=3" rel="next">下一页</a>' in html
    assert '<span aria-current="page">第 2 页</span>' in html


def test_the_first_page_has_no_previous_link_and_a_single_page_no_pager():
    assert "上一页" not in _pager(page_of(list(range(60)), RequestFactory().get("/"), size=50))
    assert _pager(page_of(list(range(10)), RequestFactory().get("/"), size=50)).strip() == ""


def test_a_keyset_link_carries_its_cursor_and_a_next_only_pager_no_page_number():
    assert page_link("status=open", page=3, after="abc", before="") == "?status=open&page=3&after=abc"
    html = _pager(PageLinks(number=None, next_link=page_link("", after=42)))
    assert '<a href="?after=42" rel="next">下一页</a>' in html
    assert "aria-current" not in html


def test_the_words_are_english_in_english():
    with translation.override("en"):
        html = render_to_string("pager.html", {"pager": PageLinks(number=2, previous_link="?page=1")})
    assert "Previous page" in html and "Page 2" in html
