"""Aspect 2 counts national HNTEs too (criteria.md §8.3: "≥ 10 enterprises that are SRDI SMEs, innovative SMEs or
national HNTEs (不少于10家)"). HNTEs are not recognised on the platform: a member counts as an HNTE when its latest
annual filing has `hnte` true (enterprise-data.md: "Holds a valid 高新技术企业 certificate for the year"), and the
pack's explanation says so. 9 counted members do not meet the route; 10 do; each enterprise counts once."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from littlegiant.clusters import services
from littlegiant.clusters.records import assess_cluster, cluster_record
from littlegiant.enterprises.models import AnnualFiling
from tests.clusters.conftest import give_title, make_cluster, members


def file_hnte(enterprise, year: int, hnte: bool | None) -> None:
    AnnualFiling.objects.update_or_create(enterprise=enterprise, year=year, defaults={"hnte": hnte})


def gradient(cluster) -> dict:
    explanation = assess_cluster(cluster)
    return next(c for c in explanation["criteria"] if c["id"] == "gradient_results")


def a_cluster_with(officer, *, titled: int, hnte: int):
    """A cluster without a little giant or champion: `titled` SRDI SMEs and `hnte` members holding an HNTE
    certificate by their latest filing."""
    cluster = make_cluster(officer, "西湖光电集群", good=False)
    services.declare(cluster, by=officer, declarations={}, single_champions=0)
    today = timezone.localdate()
    firms = members(titled + hnte)
    services.add_members(cluster, firms, by=officer)
    for firm in firms[:titled]:
        give_title(
            firm,
            "srdi_sme",
            valid_from=today - dt.timedelta(days=30),
            valid_until=today + dt.timedelta(days=900),
        )
    for firm in firms[titled:]:
        file_hnte(firm, today.year - 1, True)
    return cluster, firms


def test_nine_with_hntes_do_not_meet_the_second_route(xihu_officer):
    cluster, _ = a_cluster_with(xihu_officer, titled=5, hnte=4)
    assert cluster_record(cluster)["cluster_titled_smes"] == 9
    assert gradient(cluster)["status"] == "unmet"


def test_ten_with_hntes_meet_the_second_route(xihu_officer):
    cluster, _ = a_cluster_with(xihu_officer, titled=5, hnte=5)
    assert cluster_record(cluster)["cluster_titled_smes"] == 10
    assert gradient(cluster)["status"] == "met"


def test_ten_hntes_alone_meet_it(xihu_officer):
    cluster, _ = a_cluster_with(xihu_officer, titled=0, hnte=10)
    assert gradient(cluster)["status"] == "met"


def test_a_titled_hnte_counts_once(xihu_officer):
    cluster, firms = a_cluster_with(xihu_officer, titled=9, hnte=0)
    file_hnte(firms[0], timezone.localdate().year - 1, True)
    assert cluster_record(cluster)["cluster_titled_smes"] == 9
    assert gradient(cluster)["status"] == "unmet"


def test_only_the_latest_filing_counts(xihu_officer):
    cluster, firms = a_cluster_with(xihu_officer, titled=5, hnte=5)
    # The certificate lapsed: the latest filing says false (an earlier one said true).
    file_hnte(firms[-1], timezone.localdate().year, False)
    assert cluster_record(cluster)["cluster_titled_smes"] == 9
    # A later filing that leaves the field empty (unknown, decision D5) does not count either.
    file_hnte(firms[-2], timezone.localdate().year, None)
    assert cluster_record(cluster)["cluster_titled_smes"] == 8


def test_the_explanation_says_where_hntes_come_from(xihu_officer):
    cluster, _ = a_cluster_with(xihu_officer, titled=0, hnte=1)
    note = gradient(cluster)
    assert "hnte" in note["note"] and "latest annual filing" in note["note"]
    assert "hnte" in note["note_zh"]
