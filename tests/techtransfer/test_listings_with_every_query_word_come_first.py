"""Listings with every query word rank before listings with only some of them, and the latter are still found."""

from __future__ import annotations

import pytest

from littlegiant.techtransfer import search as search_module
from littlegiant.techtransfer.search import SearchFilters, query_groups, search
from tests.techtransfer.test_search_ranks_each_labelled_target_first import corpus  # noqa: F401 - a fixture


def test_a_query_is_grouped_by_its_words():
    assert query_groups("锂电池 H01M") == [["锂电", "电池", "锂电池"], ["ipch01m"]]


def test_every_word_first_then_some(corpus):  # noqa: F811 - the fixture imported above
    titles = [hit.listing.title for hit in search("锂电池 回收").hits]
    assert titles[0] == "一种锂电池回收方法"
    assert "一种高镍三元锂电池正极材料及其制备方法" in titles[1:]  # 锂电池 only, ranked after


@pytest.mark.parametrize(
    "filters",
    [SearchFilters(), SearchFilters(ipc="H01M10"), SearchFilters(ipc="C08L"), SearchFilters(exclusive=True)],
    ids=["none", "ipc H01M10", "ipc C08L", "exclusive"],
)
def test_a_small_candidate_set_gives_the_same_ranking(corpus, monkeypatch, filters):  # noqa: F811
    expected = [hit.listing.pk for hit in search("锂电池 材料 检测", filters=filters, page_size=2).hits]
    assert expected or filters.exclusive  # every listing of the corpus is non-exclusive
    # No spare candidates: the first ranking pass suffices only if the best three all pass the filters.
    monkeypatch.setattr(search_module, "CANDIDATES", 0)
    found = [hit.listing.pk for hit in search("锂电池 材料 检测", filters=filters, page_size=2).hits]
    assert found == expected
