"""Deleting listings removes them from the search index too (PostgreSQL keeps it in a table of its own)."""

from __future__ import annotations

from django.db import connection

from littlegiant.techtransfer.models import PatentListing
from littlegiant.techtransfer.search import search
from tests.techtransfer.test_search_ranks_each_labelled_target_first import corpus  # noqa: F401 - a fixture


def test_a_deleted_listing_is_not_found_and_leaves_no_index_row(corpus):  # noqa: F811
    target = search("单克隆抗体").hits[0].listing
    PatentListing.objects.filter(pk=target.pk).delete()
    assert all(hit.listing.pk != target.pk for hit in search("单克隆抗体").hits)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM techtransfer_listing_search WHERE listing_id = %s", [target.pk]
            )
            assert cursor.fetchone()[0] == 0
            cursor.execute("SELECT count(*) FROM techtransfer_listing_search")
            assert cursor.fetchone()[0] == PatentListing.objects.count()
