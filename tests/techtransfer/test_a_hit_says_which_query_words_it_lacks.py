"""A listing found for only some of the query words says which words it lacks, as the searcher typed them."""

from __future__ import annotations

from django.urls import reverse

from littlegiant.techtransfer.search import search
from tests.techtransfer.test_search_ranks_each_labelled_target_first import corpus  # noqa: F401 - a fixture


def test_only_the_partial_matches_name_their_missing_words(corpus):  # noqa: F811 - the fixture imported above
    hits = search("锂电池 回收").hits
    assert hits[0].listing.title == "一种锂电池回收方法"
    assert hits[0].missing == ()
    partial = next(hit for hit in hits if hit.listing.title == "一种高镍三元锂电池正极材料及其制备方法")
    assert partial.missing == ("回收",)


def test_a_one_word_query_names_nothing_missing(corpus):  # noqa: F811
    assert all(hit.missing == () for hit in search("锂电池").hits)


def test_the_search_page_shows_the_missing_word(client, corpus):  # noqa: F811
    page = client.get(reverse("techtransfer:home"), {"q": "锂电池 回收"}).content.decode()
    assert "缺少： <s>回收</s>" in page


def test_the_api_lists_the_missing_words(client, corpus):  # noqa: F811
    hits = client.get("/api/techtransfer/search", {"q": "锂电池 回收"}).json()["results"]
    assert hits[0]["missing_words"] == []
    assert ["回收"] in [hit["missing_words"] for hit in hits[1:]]
