"""Characters the full-text query languages treat as operators are never obeyed: alone they find nothing, beside
words they are ignored."""

from __future__ import annotations

import pytest

from littlegiant.techtransfer.search import search
from tests.techtransfer.test_search_ranks_each_labelled_target_first import corpus  # noqa: F401 - a fixture


@pytest.mark.parametrize("query", ["& | ! ( )", '"', "NOT OR AND", "*:", "- + ~"])
def test_operators_alone_find_nothing(corpus, query):  # noqa: F811 - the fixture imported above
    assert search(query).hits == []


def test_operators_beside_words_are_ignored(corpus):  # noqa: F811
    # Read as operators, "!回收" would mean "without 回收" and drop the target.
    assert search("锂电池 & !回收").hits[0].listing.title == "一种锂电池回收方法"
