"""Aspect 2 counts the members' real titles (criteria.md §8.3, 认定标准 二: "主导产业领域…专精特新"小巨人"企业不少于1家，
或专精特新中小企业、创新型中小企业、国家高新技术企业不少于10家"): 9 titled members fail, 10 pass, an expired title
does not count, and a little giant outside the main industry does not count on the first route."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from littlegiant.clusters import services
from littlegiant.clusters.records import assess_cluster, cluster_record
from tests.clusters.conftest import give_title, make_cluster, members


def gradient(cluster):
    return next(c for c in assess_cluster(cluster)["criteria"] if c["id"] == "gradient_results")["status"]


def test_nine_titled_members_fail_and_ten_pass(xihu_officer):
    today = timezone.localdate()
    cluster = make_cluster(xihu_officer, "西湖光电集群")
    firms = members(10)
    services.add_members(cluster, firms, by=xihu_officer)
    for firm in firms[:9]:
        give_title(
            firm,
            "srdi_sme",
            valid_from=today - dt.timedelta(days=100),
            valid_until=today + dt.timedelta(days=900),
        )
    assert cluster_record(cluster)["cluster_titled_smes"] == 9
    assert gradient(cluster) == "unmet"
    give_title(
        firms[9],
        "innovative_sme",
        valid_from=today - dt.timedelta(days=10),
        valid_until=today + dt.timedelta(days=900),
    )
    assert cluster_record(cluster)["cluster_titled_smes"] == 10
    assert gradient(cluster) == "met"


def test_an_expired_title_is_not_counted(xihu_officer):
    today = timezone.localdate()
    cluster = make_cluster(xihu_officer, "西湖阀门集群")
    firms = members(10)
    services.add_members(cluster, firms, by=xihu_officer)
    for firm in firms[:9]:
        give_title(
            firm,
            "srdi_sme",
            valid_from=today - dt.timedelta(days=100),
            valid_until=today + dt.timedelta(days=900),
        )
    expired = give_title(
        firms[9],
        "srdi_sme",
        valid_from=today - dt.timedelta(days=1200),
        valid_until=today - dt.timedelta(days=1),
    )
    assert expired.state() == "expired"
    assert cluster_record(cluster)["cluster_titled_smes"] == 9
    assert gradient(cluster) == "unmet"


def test_a_little_giant_counts_only_in_the_main_industry(xihu_officer):
    today = timezone.localdate()
    cluster = make_cluster(xihu_officer, "西湖仪器集群", industry="3973")
    (inside,) = members(1, industry="3973")
    (outside,) = members(1, start=50, industry="3411")
    services.add_members(cluster, [outside], by=xihu_officer)
    give_title(
        outside,
        "little_giant",
        valid_from=today - dt.timedelta(days=5),
        valid_until=today + dt.timedelta(days=900),
    )
    assert cluster_record(cluster)["cluster_champions_or_giants"] == 0
    services.add_members(cluster, [inside], by=xihu_officer)
    give_title(
        inside,
        "little_giant",
        valid_from=today - dt.timedelta(days=5),
        valid_until=today + dt.timedelta(days=900),
    )
    assert cluster_record(cluster)["cluster_champions_or_giants"] == 1
    assert gradient(cluster) == "met"
