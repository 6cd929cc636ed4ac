"""`clusters.models.county_authority_scope`, the one filter of "rows in the counties the user acts for": a county
SME authority reaches its own county's clusters, not another county's; a visitor and a person acting for no
county reach nothing."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from littlegiant.clusters.models import Cluster, county_authority_scope
from tests.cast import COUNTY_B, make_user
from tests.clusters.conftest import make_cluster


def reached_by(user) -> set[str]:
    return set(
        Cluster.objects.filter(county_authority_scope(user, county_field="county")).values_list(
            "name", flat=True
        )
    )


def test_it_reaches_the_clusters_of_the_users_own_county_only(xihu_officer, yinzhou_officer):
    make_cluster(xihu_officer, "West Lake tea")
    make_cluster(yinzhou_officer, "Yinzhou moulds", COUNTY_B)

    assert reached_by(xihu_officer) == {"West Lake tea"}
    assert reached_by(yinzhou_officer) == {"Yinzhou moulds"}


def test_it_reaches_nothing_for_a_visitor_or_a_person_of_no_county(xihu_officer):
    make_cluster(xihu_officer, "West Lake tea")

    assert reached_by(AnonymousUser()) == set()
    assert reached_by(make_user("nobody_in_particular")) == set()
